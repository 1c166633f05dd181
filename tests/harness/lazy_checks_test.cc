// Issue 20: a point for the skill a check names, none for its appearance. Two corpus entries do
// no work: lazy-everything (layers return their input or the upstream gradient, the loss a
// constant, the MLP and SGD keep nothing) and lazy-zeros-but-structure (every function returns
// zeros of the right shape; only the MLP's constructor builds its layers). Every check of the
// catalog, a check added later included, must give them nothing, not a pass nor a fraction of
// one, at any seed: only mlp.structure, the constructor's own work, is earned.
#include <cstdlib>
#include <set>

#include <gtest/gtest.h>

#include "harness/check_context.h"
#include "protocol/catalog.h"
#include "server_session.h"

namespace nn_grade {

namespace harness {
namespace {

struct Lazy {
  const char* name;
  const char* server;
  std::set<std::string> earned;  // checks its little real work earns
};

class LazySubmission : public ::testing::TestWithParam<std::tuple<Lazy, std::uint64_t>> {};

TEST_P(LazySubmission, EarnsNoPointFromAnyCheckOfWorkItDidNotDo) {
  const auto& [lazy, seed] = GetParam();
  for (const protocol::CheckInfo& info : protocol::all_checks()) {
    SCOPED_TRACE(info.id);
    const protocol::CheckReport report =
        run_on(lazy.server, info.id, seed, nlohmann::json::object(), seed);
    if (lazy.earned.count(info.id)) {
      EXPECT_EQ(report.status, protocol::CheckStatus::kPassed) << report.output;
      continue;
    }
    EXPECT_NE(report.status, protocol::CheckStatus::kPassed) << report.output;
    EXPECT_EQ(report.fraction, 0.0) << report.output;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, LazySubmission,
    ::testing::Combine(::testing::Values(Lazy{"everything", LAZY_SERVER, {}},
                                         Lazy{"zeros", LAZY_ZEROS_SERVER, {"mlp.structure"}}),
                       ::testing::Values(1, 20261128, 987654321)),
    [](const auto& info) {
      return std::string(std::get<0>(info.param).name) + "_" +
             std::to_string(std::get<1>(info.param));
    });

// train.spiral's evaluation points come from unseen_rng: the same for the same seed and key (a
// grade repeats, on every shard), different for another key (an instructor's secret), and never
// the generator of the seed's draws, some of which the student server receives.
TEST(UnseenDraws, RepeatAndDependOnTheKeyNotOnlyTheSeed) {
  const CheckContext context("train.spiral", 7, nlohmann::json::object());
  unsetenv(kUnseenKeyVariable);
  const std::uint64_t plain = context.unseen_rng()();
  EXPECT_EQ(context.unseen_rng()(), plain);
  EXPECT_NE(context.rng()(), plain);
  setenv(kUnseenKeyVariable, "an instructor's secret", 1);
  const std::uint64_t keyed = context.unseen_rng()();
  EXPECT_EQ(context.unseen_rng()(), keyed);
  EXPECT_NE(keyed, plain);
  unsetenv(kUnseenKeyVariable);
}

}  // namespace
}  // namespace harness

}  // namespace nn_grade
