// Running a list of processes as the grader's job slots allow.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "run/job_slots.h"
#include "run/subprocess.h"

namespace nn_grade::run {

// Runs every spec, each holding one of `slots` while it runs (all at once when slots is null),
// and calls on_finished(index, result) in the calling thread as each one ends.
void run_all(const std::vector<ProcessSpec>& specs, JobSlots* slots,
             const std::function<void(std::size_t, ProcessResult)>& on_finished);

}  // namespace nn_grade::run
