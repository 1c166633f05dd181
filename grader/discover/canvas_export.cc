#include "discover/canvas_export.h"

#include <algorithm>
#include <map>
#include <system_error>
#include <tuple>

#include "discover/canvas_name.h"
#include "discover/listing.h"
#include "discover/uploaded_archive.h"

namespace nn_grade::discover {
namespace {

namespace fs = std::filesystem;

struct Upload {
  CanvasFileName name;
  Revision revision;
  fs::path source;
};

// Attachment ids are numbers of any length: compare them as numbers without parsing them.
bool is_newer(const Upload& a, const Upload& b) {
  const std::string& x = a.name.attachment_id;
  const std::string& y = b.name.attachment_id;
  return std::make_tuple(x.size(), x, a.revision.number) >
         std::make_tuple(y.size(), y, b.revision.number);
}

std::string key_of(const CanvasFileName& name) { return name.sortable_name + "_" + name.user_id; }

std::string describe_choice(const std::string& plain_name, std::vector<Upload> uploads) {
  std::sort(uploads.begin(), uploads.end(),
            [](const Upload& a, const Upload& b) { return is_newer(b, a); });
  std::string used = uploads.back().name.original_name;
  if (uploads.size() == 1) return plain_name + ": from " + used;
  std::string others;
  for (size_t i = 0; i + 1 < uploads.size(); ++i) {
    others += (i ? ", " : "") + uploads[i].name.original_name;
  }
  return plain_name + ": used re-upload " + used + " (the newest; ignored " + others + ")";
}

void copy_into(const fs::path& dir, const std::string& plain_name, const fs::path& source) {
  std::error_code error;
  fs::copy_file(source, dir / plain_name, fs::copy_options::overwrite_existing, error);
  if (error) {
    throw DiscoveryError("cannot copy " + source.string() + " to " + dir.string() + ": " +
                         error.message());
  }
}

Submission stage_student(const std::vector<Upload>& uploads, const fs::path& staging_dir) {
  const CanvasFileName& first = uploads.front().name;
  Submission submission;
  submission.key = key_of(first);
  submission.canvas_user_id = first.user_id;
  submission.sortable_name = first.sortable_name;
  submission.dir = staging_dir / submission.key;
  recreate_directory(submission.dir);

  std::map<std::string, std::vector<Upload>> by_plain_name;
  for (const Upload& upload : uploads) {
    submission.late = submission.late || upload.name.late;
    by_plain_name[upload.revision.plain_name].push_back(upload);
  }
  for (const auto& [plain_name, versions] : by_plain_name) {
    const Upload& newest = *std::min_element(versions.begin(), versions.end(), is_newer);
    copy_into(submission.dir, plain_name, newest.source);
    if (versions.size() > 1 || newest.name.original_name != plain_name) {
      submission.notes.push_back(describe_choice(plain_name, versions));
    }
  }
  for (std::string& note : unpack_uploaded_archives(submission.dir)) {
    submission.notes.push_back(std::move(note));
  }
  return submission;
}

}  // namespace

bool is_canvas_file_name(const std::string& file_name) {
  return !canvas_name_splits(file_name).empty();
}

Discovery stage_canvas_export(const fs::path& export_dir, const fs::path& staging_dir,
                              const std::vector<fs::path>& ignored) {
  Listing listing = list_directory(export_dir);

  Discovery discovery;
  discovery.layout = "canvas";
  std::map<std::string, std::vector<Upload>> by_user;
  for (const fs::path& file : listing.files) {
    std::string file_name = file.filename().string();
    std::optional<CanvasFileName> name = parse_canvas_file_name(file_name);
    if (!name || name->original_name == "." || name->original_name == "..") {
      discovery.unmatched_files.push_back(file_name);
      continue;
    }
    Revision revision = reupload_revision(name->original_name);
    by_user[name->user_id].push_back({*name, revision, file});
  }
  for (const fs::path& dir : listing.directories) {
    if (is_among(dir, ignored)) continue;
    discovery.unmatched_files.push_back(dir.filename().string() + "/");
  }
  for (const auto& [user_id, uploads] : by_user) {
    discovery.submissions.push_back(stage_student(uploads, staging_dir));
  }
  std::sort(discovery.submissions.begin(), discovery.submissions.end(),
            [](const Submission& a, const Submission& b) { return a.key < b.key; });
  return discovery;
}

}  // namespace nn_grade::discover
