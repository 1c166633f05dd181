#include "run/parallel.h"

#include <map>

namespace nn_grade::run {
namespace {

// How often a waiting batch looks for a slot that another thread freed.
constexpr auto kSlotPoll = std::chrono::milliseconds(20);

// Gives back, even on an exception, the slots of the children still running.
class HeldSlots {
 public:
  explicit HeldSlots(JobSlots* slots) : slots_(slots) {}
  ~HeldSlots() {
    while (held_-- > 0) slots_->release();
  }
  bool try_take() {
    if (slots_ && !slots_->try_acquire()) return false;
    ++held_;
    return true;
  }
  void take() {
    if (slots_) slots_->acquire();
    ++held_;
  }
  void give_back() {
    if (slots_) slots_->release();
    --held_;
  }

 private:
  JobSlots* slots_;
  int held_ = 0;
};

}  // namespace

void run_all(const std::vector<ProcessSpec>& specs, JobSlots* slots,
             const std::function<void(std::size_t, ProcessResult)>& on_finished) {
  HeldSlots held(slots);  // declared first: released after the set has reaped every child
  SubprocessSet set;
  std::map<int, std::size_t> index_of;
  std::size_t next = 0;
  while (next < specs.size() || !index_of.empty()) {
    while (next < specs.size() && held.try_take()) {
      index_of[set.add(specs[next])] = next;
      ++next;
    }
    if (index_of.empty()) {  // nothing of ours runs: waiting for another thread's slot is safe
      held.take();
      index_of[set.add(specs[next])] = next;
      ++next;
    }
    if (auto token = set.wait_any(kSlotPoll)) {
      std::size_t index = index_of.at(*token);
      index_of.erase(*token);
      held.give_back();
      on_finished(index, set.take(*token));
    }
  }
}

}  // namespace nn_grade::run
