// Issue 20: a point for the skill a check names, none for its appearance. The corpus entry
// lazy-everything does no work anywhere (layers return their input or the upstream gradient, the
// loss a constant, the MLP and SGD keep nothing); every check of the catalog, a check added
// later included, must give it nothing: not a pass, not a fraction of one, at any seed.
#include <gtest/gtest.h>

#include "protocol/catalog.h"
#include "server_session.h"

namespace harness {
namespace {

class EverythingLazy : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(EverythingLazy, EarnsNoPointFromAnyCheck) {
  const std::uint64_t seed = GetParam();
  for (const catalog::CheckInfo& info : catalog::all()) {
    SCOPED_TRACE(info.id);
    const protocol::CheckReport report =
        run_on(LAZY_SERVER, info.id, seed, nlohmann::json::object(), seed);
    EXPECT_NE(report.status, grading::CheckStatus::kPassed) << report.output;
    EXPECT_EQ(report.fraction, 0.0) << report.output;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, EverythingLazy, ::testing::Values(1, 20261128, 987654321));

}  // namespace
}  // namespace harness
