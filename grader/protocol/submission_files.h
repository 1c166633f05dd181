// The files a submission consists of (coursework-api.md): everything else in its folder,
// headers included, is ignored.
#pragma once

#include <array>

namespace nn_grade::protocol {

inline constexpr std::array<const char*, 4> kSubmissionFiles = {"layers.cpp", "model.cpp",
                                                                "losses.cpp", "optimizer.cpp"};
// The file the stand-in server leaves out, for the grader's stand-in layers.
inline constexpr const char* kLayersFile = kSubmissionFiles[0];

}  // namespace nn_grade::protocol
