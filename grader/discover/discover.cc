#include "discover/discover.h"

#include <algorithm>
#include <set>
#include <system_error>

#include "discover/archive_extract.h"
#include "discover/canvas_export.h"
#include "discover/listing.h"
#include "discover/student_folders.h"
#include "util/inert_text.h"

namespace nn_grade::discover {
namespace {

namespace fs = std::filesystem;

bool is_canvas_export(const Listing& listing) {
  size_t canvas_files = std::count_if(
      listing.files.begin(), listing.files.end(),
      [](const fs::path& file) { return is_canvas_file_name(file.filename().string()); });
  return canvas_files > 0 && canvas_files >= listing.directories.size();
}

// An archive often holds its files in one top folder ("submissions/"): look inside it.
fs::path content_root(fs::path dir) {
  for (;;) {
    Listing listing = list_directory(dir);
    if (!listing.files.empty() || listing.directories.size() != 1) return dir;
    dir = listing.directories.front();
  }
}

Discovery find_in_folder(const fs::path& dir, const fs::path& staging_dir,
                         std::vector<fs::path> ignored) {
  Listing listing = list_directory(dir);
  if (listing.files.empty() && listing.directories.empty()) {
    throw DiscoveryError("no submissions in " + dir.string() +
                         ": it is empty (expected one folder per student, or Canvas's export)");
  }
  ignored.push_back(staging_dir);
  auto& dirs = listing.directories;
  dirs.erase(std::remove_if(dirs.begin(), dirs.end(),
                            [&](const fs::path& sub) { return is_among(sub, ignored); }),
             dirs.end());
  if (is_canvas_export(listing)) return stage_canvas_export(dir, staging_dir, ignored);
  Discovery discovery = find_student_folders(dir, ignored);
  if (discovery.submissions.empty()) {
    throw DiscoveryError("no submissions in " + dir.string() +
                         ": no student folders, and no files named as in Canvas's export");
  }
  return discovery;
}

Discovery find_in_archive(const fs::path& archive, const fs::path& staging_dir,
                          const std::vector<fs::path>& ignored) {
  fs::path unpacked = staging_dir / ".archive";
  recreate_directory(unpacked);
  std::vector<std::string> warnings = extract_archive(archive, unpacked);
  Discovery discovery = find_in_folder(content_root(unpacked), staging_dir, ignored);
  discovery.layout += "-zip";
  discovery.warnings.insert(discovery.warnings.begin(), warnings.begin(), warnings.end());
  return discovery;
}

Discovery find_anywhere(const fs::path& input, const fs::path& staging_dir,
                        const std::vector<fs::path>& ignored) {
  std::error_code error;
  fs::file_status status = fs::status(input, error);
  if (!fs::exists(status)) {
    throw DiscoveryError("SUBMISSIONS not found: " + input.string() +
                         " (give a folder of student folders, or Canvas's export as .zip or "
                         "unpacked)");
  }
  if (fs::is_directory(status)) return find_in_folder(input, staging_dir, ignored);
  if (fs::is_regular_file(status)) return find_in_archive(input, staging_dir, ignored);
  throw DiscoveryError("SUBMISSIONS is neither a folder nor an archive: " + input.string());
}

// Every name discovery reports came from a student (a folder's, a file's, an archive entry's):
// from here on it holds no control character (util/inert_text.h). Their files keep their names.
void make_inert(std::string& text) { text = util::inert_text(text); }

// A key that lost characters must still name one folder of OUT, and only its own.
std::string unique_key(const std::string& raw, const std::set<std::string>& taken) {
  std::string key = util::inert_text(raw);
  if (key == raw) return key;
  if (key.empty() || key == "." || key == "..") key = "unprintable-name";
  const std::string stem = key;
  for (int n = 2; taken.count(key); ++n) key = stem + "-" + std::to_string(n);
  return key;
}

Discovery inert(Discovery found) {
  std::set<std::string> taken;
  for (const Submission& submission : found.submissions) taken.insert(submission.key);
  for (Submission& submission : found.submissions) {
    const std::string key = unique_key(submission.key, taken);
    if (key != submission.key) {
      taken.insert(key);
      submission.notes.push_back("its name holds control characters: graded as " + key);
      submission.key = key;
    }
    make_inert(submission.sortable_name);
    for (std::string& note : submission.notes) make_inert(note);
  }
  std::sort(found.submissions.begin(), found.submissions.end(),
            [](const Submission& a, const Submission& b) { return a.key < b.key; });
  for (std::string& file : found.unmatched_files) make_inert(file);
  for (std::string& warning : found.warnings) make_inert(warning);
  return found;
}

}  // namespace

Discovery find_submissions(const fs::path& input, const fs::path& staging_dir,
                           const std::vector<fs::path>& ignored) {
  try {
    return inert(find_anywhere(input, staging_dir, ignored));
  } catch (const DiscoveryError& error) {
    throw DiscoveryError(util::inert_text(error.what()));
  }
}

}  // namespace nn_grade::discover
