// Finding the submissions of a batch: SUBMISSIONS (docs/contract.md), in any of its layouts.
#pragma once

#include <filesystem>
#include <vector>

#include "discover/submission.h"

namespace nn_grade::discover {

// `input` is one of:
//  - a folder with one sub-folder per student (layout "folders": used in place);
//  - Canvas's "Download Submissions" export unpacked, flat files named after their student
//    (layout "canvas": each student's files are staged into staging_dir/<key>/);
//  - that export as a .zip (layout "canvas-zip": extracted into staging_dir/.archive/ with
//    libarchive, safely, then staged as above). A zip of student folders is "folders-zip".
// A folder holding Canvas-named files is read as an export; otherwise as student folders.
// `ignored` lists folders that are never a student (OUT); staging_dir is never one either.
// Throws DiscoveryError when input is missing, unreadable, empty, or a bad archive.
Discovery find_submissions(const std::filesystem::path& input,
                           const std::filesystem::path& staging_dir,
                           const std::vector<std::filesystem::path>& ignored = {});

}  // namespace nn_grade::discover
