// An unpacked Canvas "Download Submissions" export: flat files named after their student.
#pragma once

#include <filesystem>

#include "discover/submission.h"

namespace nn_grade::discover {

// True when `file_name` reads as a Canvas export's name.
bool is_canvas_file_name(const std::string& file_name);

// Groups the export's files by Canvas user id and copies each student's newest upload of every
// file into staging_dir/<sortablename>_<userid>/ under its plain name (layers-2.cpp becomes
// layers.cpp). The newest is the highest attachment id, then the highest re-upload number.
// Files that name no student, and folders but those in `ignored`, go to unmatched_files; hidden
// files are ignored.
Discovery stage_canvas_export(const std::filesystem::path& export_dir,
                              const std::filesystem::path& staging_dir,
                              const std::vector<std::filesystem::path>& ignored);

}  // namespace nn_grade::discover
