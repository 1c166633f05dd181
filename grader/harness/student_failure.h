// What stopped a call into the student's code, typed: the function that was running and the
// kind of failure with its facts (an exception's type and text, or a broken Eigen precondition
// with its numbers), as the student server reported them. Two failures are compared by these
// facts, never by the sentences made of them: the same exception thrown in Linear::backward
// reads "Linear::backward threw ..." when the checker called it and "MLP::backward threw ..."
// from inside the MLP, and its file:line may differ (the first line of the four files on the
// call stack).
#pragma once

#include <string>

#include "harness/eigen_failure.h"
#include "harness/thrown_exception.h"
#include "protocol/result.h"

namespace nn_grade::harness {

struct StudentFailure {
  enum class Kind {
    kNone,   // no facts: the checker found the problem in what a call returned
    kThrew,  // an exception left the student's code: `thrown`
    kEigen,  // an Eigen precondition failed: `eigen`
  };
  Kind kind = Kind::kNone;
  std::string function;  // the student's function the checker called: "MLP::backward"
  ThrownException thrown;
  EigenFailure eigen;
};

// The same failure, whichever function the checker called and wherever it was seen from: the
// same exception type and what(), or the same Eigen mistake, operation, numbers and condition.
// False when either has no facts (kNone).
bool same_failure(const StudentFailure& a, const StudentFailure& b);

// Where the check stopped, for the report (result.h): the function, and whether a wrong shape
// stopped it (an Eigen failure of shapes or indices; EigenMistake::kOther is not). Empty for
// kNone.
protocol::StoppedIn stopped_in(const StudentFailure& failure);

}  // namespace nn_grade::harness
