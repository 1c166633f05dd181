#include "harness/thrown_exception.h"

#include <gtest/gtest.h>

namespace nn_grade {

namespace harness {
namespace {

std::string explained(const std::string& type, const std::string& what,
                      const std::string& location = "") {
  protocol::Writer w;
  w.text(type);
  w.text(what);
  w.text(location);
  protocol::Reader reader(w.bytes());
  std::optional<ThrownException> thrown = read_thrown_exception(reader);
  return thrown ? explain_thrown_exception("MLP::forward", *thrown) : "(malformed)";
}

TEST(ThrownException, AStudentsExceptionIsQuotedWithTheFunctionAndTheLine) {
  EXPECT_EQ(explained("std::logic_error", "not implemented", "model.cpp:14"),
            "MLP::forward threw std::logic_error at model.cpp:14: not implemented");
  EXPECT_EQ(explained("std::logic_error", "not implemented"),
            "MLP::forward threw std::logic_error: not implemented");
  EXPECT_EQ(explained("int (not a std::exception)", "", "model.cpp:3"),
            "MLP::forward threw int (not a std::exception) at model.cpp:3.");
}

// libstdc++'s own words ("__n (which is 3) >= this->size() (which is 3)") said with the numbers.
TEST(ThrownException, AnAtPastTheEndNamesTheIndexAndItsBounds) {
  EXPECT_EQ(explained("std::out_of_range",
                      "vector::_M_range_check: __n (which is 3) >= this->size() (which is 3)",
                      "model.cpp:20"),
            "MLP::forward threw std::out_of_range at model.cpp:20: .at(3) of a std::vector of 3 "
            "elements; its indices go from 0 to 2.");
  EXPECT_EQ(explained("std::out_of_range",
                      "vector::_M_range_check: __n (which is 18446744073709551615) >= "
                      "this->size() (which is 0)"),
            "MLP::forward threw std::out_of_range: .at(-1) of a std::vector of 0 elements; it is "
            "empty, so no index is valid.");
  EXPECT_NE(explained("std::out_of_range",
                      "basic_string::at: __n (which is 7) >= this->size() (which is 2)")
                .find(".at(7) of a std::string of 2 characters; its indices go from 0 to 1."),
            std::string::npos);
  // Anything else is quoted as it came.
  EXPECT_EQ(explained("std::out_of_range", "map::at"),
            "MLP::forward threw std::out_of_range: map::at");
}

// The facts come from the student's process: only a line of one of their files is a location,
// and a reply cut short or too long is no report at all.
TEST(ThrownException, OnlyAPlaceInTheStudentsFilesIsALocationAndMalformedFactsAreRefused) {
  EXPECT_EQ(explained("std::logic_error", "x", "/etc/passwd:1"),
            "MLP::forward threw std::logic_error: x");
  protocol::Writer cut;
  cut.text("std::logic_error");
  protocol::Reader short_reply(cut.bytes());
  EXPECT_FALSE(read_thrown_exception(short_reply));
  protocol::Writer extra;
  for (const char* text : {"std::logic_error", "x", ""}) extra.text(text);
  extra.u8(0);
  protocol::Reader long_reply(extra.bytes());
  EXPECT_FALSE(read_thrown_exception(long_reply));
}

}  // namespace
}  // namespace harness

}  // namespace nn_grade
