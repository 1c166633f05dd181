#include "run/job_slots.h"

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "run/parallel.h"

namespace nn_grade {

namespace run {
namespace {

TEST(JobSlots, CountsDownAndUp) {
  JobSlots slots(2);
  EXPECT_TRUE(slots.try_acquire());
  EXPECT_TRUE(slots.try_acquire());
  EXPECT_FALSE(slots.try_acquire());
  EXPECT_EQ(slots.in_use(), 2);
  slots.release();
  EXPECT_TRUE(slots.try_acquire());
  slots.release();
  slots.release();
  EXPECT_EQ(slots.in_use(), 0);
}

TEST(JobSlots, AtLeastOneSlot) {
  JobSlots slots(0);
  EXPECT_EQ(slots.capacity(), 1);
}

TEST(JobSlots, ManyThreadsNeverExceedTheSlots) {
  JobSlots slots(3);
  std::atomic<int> inside{0}, most{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        SlotGuard guard(slots);
        int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::yield();
        --inside;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(most.load(), 3);
  EXPECT_EQ(slots.in_use(), 0);
}

// Two batches on two threads share 2 slots: never more than 2 children at once, observed by the
// children themselves through a shared counter file guarded with flock.
TEST(RunAll, TwoThreadsShareTheSlots) {
  JobSlots slots(2);
  std::string dir = ::testing::TempDir() + "/nn-grade-slots";
  std::string counter = dir + "/count", peak = dir + "/peak";
  std::system(
      ("rm -rf " + dir + " && mkdir -p " + dir + " && echo 0 > " + counter + " && echo 0 > " + peak)
          .c_str());
  std::string script = "update() { flock " + counter + ".lock sh -c \"n=\\$((\\$(cat " + counter +
                       ") $1)); echo "
                       "\\$n > " +
                       counter + "; p=\\$(cat " + peak + "); [ \\$n -gt \\$p ] && echo \\$n > " +
                       peak + "; true\"; }; update +1; sleep 0.05; update -1";
  ProcessSpec spec;
  spec.argv = {"/bin/sh", "-c", script};
  std::vector<ProcessSpec> specs(5, spec);
  std::atomic<int> finished{0};
  auto batch = [&] {
    run_all(specs, &slots, [&](std::size_t, ProcessResult r) {
      EXPECT_EQ(r.exit_code, 0) << r.err;
      ++finished;
    });
  };
  std::thread other(batch);
  batch();
  other.join();
  EXPECT_EQ(finished.load(), 10);
  EXPECT_EQ(slots.in_use(), 0);
  int most = 0;
  std::ifstream(peak) >> most;
  EXPECT_GE(most, 1);
  EXPECT_LE(most, 2);
}

}  // namespace
}  // namespace run

}  // namespace nn_grade
