#include "harness/student_failure.h"

#include <algorithm>
#include <iterator>

namespace nn_grade::harness {

bool same_failure(const StudentFailure& a, const StudentFailure& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case StudentFailure::Kind::kNone:
      return false;
    case StudentFailure::Kind::kThrew:
      return a.thrown.type == b.thrown.type && a.thrown.what == b.thrown.what;
    case StudentFailure::Kind::kEigen:
      return a.eigen.mistake == b.eigen.mistake && a.eigen.has_numbers == b.eigen.has_numbers &&
             std::equal(std::begin(a.eigen.numbers), std::end(a.eigen.numbers),
                        std::begin(b.eigen.numbers)) &&
             a.eigen.operation == b.eigen.operation && a.eigen.condition == b.eigen.condition;
  }
  return false;
}

protocol::StoppedIn stopped_in(const StudentFailure& failure) {
  if (failure.kind == StudentFailure::Kind::kNone) return {};
  return {failure.function, failure.kind == StudentFailure::Kind::kEigen &&
                                failure.eigen.mistake != EigenMistake::kOther};
}

}  // namespace nn_grade::harness
