#include "harness/student_failure.h"

#include <gtest/gtest.h>

namespace nn_grade {

namespace harness {
namespace {

StudentFailure threw(const std::string& function, const std::string& what,
                     const std::string& location) {
  return {StudentFailure::Kind::kThrew, function, {"std::logic_error", what, location}, {}};
}

StudentFailure product(const std::string& function, std::int64_t inner) {
  EigenFailure f;
  f.mistake = EigenMistake::kProduct;
  f.has_numbers = true;
  f.numbers[0] = 5, f.numbers[1] = 3, f.numbers[2] = inner, f.numbers[3] = 4;
  f.operation = "*";
  f.location = function == "MLP::backward" ? "model.cpp:27" : "layers.cpp:26";
  return {StudentFailure::Kind::kEigen, function, {}, f};
}

TEST(StudentFailure, TheSameExceptionSeenFromInsideTheMlpIsTheSame) {
  EXPECT_TRUE(same_failure(threw("Linear::backward", "G has 3 columns", "layers.cpp:31"),
                           threw("MLP::backward", "G has 3 columns", "model.cpp:27")));
  EXPECT_FALSE(same_failure(threw("Linear::backward", "G has 3 columns", "layers.cpp:31"),
                            threw("MLP::backward", "G has 4 columns", "layers.cpp:31")));
}

TEST(StudentFailure, EigenFailuresAreTheSameOnlyWithTheSameNumbers) {
  EXPECT_TRUE(same_failure(product("Linear::backward", 7), product("MLP::backward", 7)));
  EXPECT_FALSE(same_failure(product("Linear::backward", 7), product("MLP::backward", 6)));
  EXPECT_FALSE(same_failure(product("MLP::backward", 7), threw("MLP::backward", "", "")));
}

TEST(StudentFailure, AFailureWithoutFactsIsNeverTheSame) {
  EXPECT_FALSE(same_failure(StudentFailure{}, StudentFailure{}));
  EXPECT_FALSE(stopped_in(StudentFailure{}).known());
}

TEST(StudentFailure, StoppedInSaysTheFunctionAndWhetherAShapeStoppedIt) {
  EXPECT_EQ(stopped_in(product("MLP::backward", 7)).function, "MLP::backward");
  EXPECT_TRUE(stopped_in(product("MLP::backward", 7)).wrong_shape);
  EXPECT_FALSE(stopped_in(threw("SGD::step", "x", "")).wrong_shape);
}

}  // namespace
}  // namespace harness

}  // namespace nn_grade
