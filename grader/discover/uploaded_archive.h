// A student who uploads their four files as one archive (submission.zip, cw3.tar.gz): the
// usual way to hand in several files, so it is unpacked rather than called "missing files".
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace nn_grade::discover {

// For each archive among the files of `dir`, extracts it (safely, as the class's export is) and
// copies each submission file it holds that `dir` lacks into `dir`, wherever in the archive it
// was. Returns notes for the TA ("layers.cpp: from submission.zip"); an archive that cannot be
// read gives a note, not an error, so the build then names the missing files.
std::vector<std::string> unpack_uploaded_archives(const std::filesystem::path& dir);

}  // namespace nn_grade::discover
