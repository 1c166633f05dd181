// The grader's budget of processes: one slot per compile or check process while it runs, shared
// by every thread, so a batch on many threads never runs more than --jobs processes at once.
#pragma once

#include <condition_variable>
#include <mutex>

namespace nn_grade::run {

class JobSlots {
 public:
  explicit JobSlots(int slots);  // at least 1
  JobSlots(const JobSlots&) = delete;
  JobSlots& operator=(const JobSlots&) = delete;

  void acquire();      // waits for a free slot
  bool try_acquire();  // takes a slot only if one is free now
  void release();

  int capacity() const { return capacity_; }
  int in_use() const;

 private:
  const int capacity_;
  int free_;
  mutable std::mutex mutex_;
  std::condition_variable freed_;
};

// Holds one slot for its lifetime.
class SlotGuard {
 public:
  explicit SlotGuard(JobSlots& slots) : slots_(slots) { slots_.acquire(); }
  ~SlotGuard() { slots_.release(); }
  SlotGuard(const SlotGuard&) = delete;
  SlotGuard& operator=(const SlotGuard&) = delete;

 private:
  JobSlots& slots_;
};

}  // namespace nn_grade::run
