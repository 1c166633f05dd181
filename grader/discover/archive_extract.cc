#include "discover/archive_extract.h"

#include <archive.h>
#include <archive_entry.h>

#include <locale.h>

#include <fstream>
#include <memory>
#include <system_error>

#include "discover/submission.h"

namespace nn_grade::discover {
namespace {

namespace fs = std::filesystem;

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_read_free)>;

// libarchive converts entry names to the locale's charset, and a program starts in the "C"
// locale, where "garcíamaría" cannot be written: read names in UTF-8 on this thread meanwhile.
class Utf8NamesOnThisThread {
 public:
  Utf8NamesOnThisThread() : utf8_(newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t{})) {
    if (utf8_) previous_ = uselocale(utf8_);
  }
  ~Utf8NamesOnThisThread() {
    if (!utf8_) return;
    uselocale(previous_);
    freelocale(utf8_);
  }
  Utf8NamesOnThisThread(const Utf8NamesOnThisThread&) = delete;
  Utf8NamesOnThisThread& operator=(const Utf8NamesOnThisThread&) = delete;

 private:
  locale_t utf8_;
  locale_t previous_ = LC_GLOBAL_LOCALE;
};

std::string entry_name(archive_entry* entry) {
  const char* utf8 = archive_entry_pathname_utf8(entry);
  if (utf8) return utf8;
  const char* native = archive_entry_pathname(entry);
  return native ? native : "";
}

ArchivePtr open_archive(const fs::path& path) {
  ArchivePtr reader(archive_read_new(), &archive_read_free);
  archive_read_support_format_all(reader.get());
  archive_read_support_filter_all(reader.get());
  if (archive_read_open_filename(reader.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
    throw DiscoveryError(path.string() + " is not an archive the grader can read: " +
                         archive_error_string(reader.get()));
  }
  return reader;
}

void make_directories(const fs::path& dir) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) throw DiscoveryError("cannot create " + dir.string() + ": " + error.message());
}

std::string size_text(std::uintmax_t bytes) {
  if (bytes >= (std::uintmax_t{1} << 20)) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

// Copies the current entry's data to `target`; false (and no file) when it is over the limit.
bool write_entry(archive* reader, const fs::path& target, std::uintmax_t max_bytes,
                 std::uintmax_t& total_bytes, std::uintmax_t max_total_bytes) {
  std::ofstream out(target, std::ios::binary | std::ios::trunc);
  if (!out) throw DiscoveryError("cannot write " + target.string());
  char buffer[1 << 16];
  std::uintmax_t written = 0;
  for (;;) {
    la_ssize_t n = archive_read_data(reader, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      throw DiscoveryError("cannot read " + target.filename().string() +
                           " from the archive: " + archive_error_string(reader));
    }
    written += static_cast<std::uintmax_t>(n);
    total_bytes += static_cast<std::uintmax_t>(n);
    if (total_bytes > max_total_bytes) {
      throw DiscoveryError("the archive unpacks to more than " + size_text(max_total_bytes) +
                           ": not extracted");
    }
    if (written > max_bytes) {
      out.close();
      fs::remove(target);
      return false;
    }
    out.write(buffer, n);
  }
  if (!out.flush()) throw DiscoveryError("cannot write " + target.string());
  return true;
}

}  // namespace

fs::path safe_relative_path(const std::string& entry_name) {
  std::string name = entry_name;
  for (char& c : name) c = c == '\\' ? '/' : c;
  bool drive_letter = name.size() >= 2 && name[1] == ':';
  if (!name.empty() && (name[0] == '/' || drive_letter)) {
    throw DiscoveryError("the archive holds an absolute path, " + entry_name +
                         ": refused (it is not a Canvas export)");
  }
  fs::path relative;
  for (const fs::path& part : fs::path(name)) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      throw DiscoveryError("the archive holds a path that leaves its folder, " + entry_name +
                           ": refused (it is not a Canvas export)");
    }
    relative /= part;
  }
  return relative;
}

std::vector<std::string> extract_archive(const fs::path& archive_path, const fs::path& dest,
                                         const ExtractLimits& limits) {
  Utf8NamesOnThisThread utf8_names;
  ArchivePtr reader = open_archive(archive_path);
  std::vector<std::string> warnings;
  std::uintmax_t total_bytes = 0;
  std::size_t entries = 0;
  archive_entry* entry = nullptr;
  for (;;) {
    int status = archive_read_next_header(reader.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN) {
      throw DiscoveryError(archive_path.string() +
                           " is damaged: " + archive_error_string(reader.get()));
    }
    if (++entries > limits.max_entries) {
      throw DiscoveryError("the archive holds more than " + std::to_string(limits.max_entries) +
                           " entries: not extracted");
    }
    std::string name = entry_name(entry);
    if (name.empty()) {
      warnings.push_back(std::string("an entry was skipped: ") +
                         archive_error_string(reader.get()));
      continue;
    }
    fs::path relative = safe_relative_path(name);
    if (relative.empty()) continue;
    fs::path target = dest / relative;
    mode_t type = archive_entry_filetype(entry);
    if (type == AE_IFDIR) {
      make_directories(target);
      continue;
    }
    if (type != AE_IFREG || archive_entry_hardlink(entry) != nullptr) {
      warnings.push_back(name + ": skipped (not a regular file)");
      continue;
    }
    make_directories(target.parent_path());
    if (!write_entry(reader.get(), target, limits.max_file_bytes, total_bytes,
                     limits.max_total_bytes)) {
      warnings.push_back(name + ": skipped (larger than " + size_text(limits.max_file_bytes) + ")");
    }
  }
  return warnings;
}

}  // namespace nn_grade::discover
