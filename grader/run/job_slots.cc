#include "run/job_slots.h"

#include <algorithm>

namespace nn_grade::run {

JobSlots::JobSlots(int slots) : capacity_(std::max(slots, 1)), free_(capacity_) {}

void JobSlots::acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  freed_.wait(lock, [this] { return free_ > 0; });
  --free_;
}

bool JobSlots::try_acquire() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (free_ == 0) return false;
  --free_;
  return true;
}

void JobSlots::release() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (free_ < capacity_) ++free_;
  }
  freed_.notify_one();
}

int JobSlots::in_use() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return capacity_ - free_;
}

}  // namespace nn_grade::run
