// Whom the compiler runs as. As root it never runs as root: it runs as run::kCompilerUid (no
// account, owns no file), in bubblewrap where that works, so that what a submission makes it
// read at compile time (an assembler's `.incbin`, a `__has_include`) is at most what anyone may
// read. That user must be able to read the coursework's headers and precompiled prelude: where
// the installation's are not (grade built under /root, mode 0700), they are staged, once per
// toolchain, in a root-owned folder every user may read (kStagedHeadersParent).
#pragma once

#include <filesystem>
#include <string>

namespace nn_grade::compile {

constexpr const char* kStagedHeadersParent = "/var/cache/nn-grade";

struct CompilerUser {
  bool as_compiler_user = false;      // run as run::kCompilerUid
  std::filesystem::path include_dir;  // the headers as that user reads them
};

// For a compile by this process: as root, the compiler's user and the headers it can read
// (`include_dir`, or their staged copy); otherwise grade's own user and `include_dir`. When
// root cannot stage them, the compiler runs as root, and grade says so once on stderr.
// `fingerprint` names the toolchain (its staged copy is reused while it lasts).
CompilerUser compiler_user(const std::filesystem::path& include_dir,
                           const std::string& fingerprint);

}  // namespace nn_grade::compile
