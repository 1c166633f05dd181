// SUBMISSIONS as a folder with one sub-folder per student, named by the student's key.
#pragma once

#include <filesystem>
#include <vector>

#include "discover/submission.h"

namespace nn_grade::discover {

// One submission per visible sub-folder, used in place (nothing is copied). Skipped: the
// folders in `ignored` (OUT, the staging folder) and any folder that looks like the grader's
// own output (it holds summary.csv, canvas-import.csv, or sub-folders with result.json). A
// student folder holding no files and one folder (an archive unpacked into its own folder) is
// followed down to its files, with a note. Loose files go to unmatched_files.
Discovery find_student_folders(const std::filesystem::path& dir,
                               const std::vector<std::filesystem::path>& ignored);

}  // namespace nn_grade::discover
