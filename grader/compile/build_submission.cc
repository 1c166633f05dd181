#include "compile/build_submission.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <system_error>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "compile/cache_pruning.h"
#include "compile/compiler_log.h"
#include "compile/compiler_user.h"
#include "compile/compiler_warnings.h"
#include "protocol/digest.h"
#include "protocol/result.h"
#include "protocol/signals.h"
#include "protocol/submission_files.h"
#include "run/containment.h"
#include "run/parallel.h"
#include "run/sandbox.h"
#include "util/file_text.h"

namespace nn_grade::compile {
namespace {

namespace fs = std::filesystem;
using protocol::SubmissionStatus;

constexpr long kCompilerMemoryMb = 4096;
constexpr long kCompilerFileMb = 64;  // an object with -g1 is a few MB
constexpr long kCompilerOutputKb = 64;

struct SourceFile {
  std::string name;  // "layers.cpp"
  std::string content;
  std::string hash;     // of the object it compiles to
  fs::path object;      // cache/objects/<hash>.o
  bool cached = false;  // the object was already there
  std::string log;      // the compiler's messages when it compiled (its warnings), from this
                        // compile or the cache's <hash>.o.log
};

fs::path log_of(const fs::path& object) { return object.string() + ".log"; }

struct CacheDirs {
  fs::path objects, servers, tmp;
};

// The file's bytes, or "" when it cannot be read (the build then fails and says so).
std::string read_file(const fs::path& path) {
  std::string contents, err;
  util::read_file(path, &contents, &err);
  return contents;
}

// Unique among the processes of every machine sharing the cache (the nodes of a cluster, whose
// pids repeat): the file is renamed into place whole, so two nodes building the same object at
// once each publish a complete copy and the last one wins.
std::string unique_suffix() {
  std::random_device device;
  char host[64] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return fmt::format("{}.{}.{:08x}.tmp", host, getpid(), device());
}

// A private folder under `parent`, removed with everything in it at the end.
class TempDir {
 public:
  explicit TempDir(const fs::path& parent) {
    std::string pattern = (parent / "build-XXXXXX").string();
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

bool make_cache_dirs(const fs::path& root, CacheDirs* dirs) {
  *dirs = {root / "objects", root / "servers", root / "tmp"};
  std::error_code ec;
  for (const fs::path& dir : {dirs->objects, dirs->servers, dirs->tmp}) {
    fs::create_directories(dir, ec);
    if (!fs::is_directory(dir)) return false;
  }
  return true;
}

std::string toolchain_problem(const Toolchain& toolchain) {
  if (access(toolchain.compiler.c_str(), X_OK) != 0) {
    return "The compiler " + toolchain.compiler.string() + " is missing.";
  }
  if (!fs::is_regular_file(toolchain.server_library)) {
    return "The student server library " + toolchain.server_library.string() + " is missing.";
  }
  if (!fs::is_regular_file(toolchain.include_dir / "nn_prelude.h")) {
    return "The headers in " + toolchain.include_dir.string() + " are missing.";
  }
  return "";
}

// Moves a finished file into the cache in one step: a reader never sees half of it.
bool copied(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  return fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec) && !ec;
}

bool publish(const fs::path& temp, const fs::path& final_path) {
  std::error_code ec;
  fs::rename(temp, final_path, ec);
  if (ec) fs::remove(temp, ec);
  return fs::exists(final_path);
}

// Names the missing files, and a near miss for each where there is one ("Layers.cpp",
// "layers.cpp.txt"): the usual reason a file is missing is its name.
std::string missing_files_log(const fs::path& dir, const std::vector<std::string>& missing) {
  std::string log = fmt::format("Missing from the submission: {}\n", fmt::join(missing, ", "));
  std::error_code ec;
  for (const std::string& name : missing) {
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      std::string found = it->path().filename().string();
      std::string lower = found;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return std::tolower(c); });
      if (found != name && lower.rfind(name, 0) == 0) {
        log += "  " + found + " is there: the grader needs it named exactly " + name + "\n";
      }
    }
  }
  return log;
}

// Why a step of the build failed: whose fault (build_failed or grader_error) and what to show.
struct Failure {
  Failure() = default;
  Failure(SubmissionStatus with_status, std::string text, std::string whole = "")
      : status(with_status), log(std::move(text)), full_log(std::move(whole)) {}
  SubmissionStatus status = SubmissionStatus::kGraderError;
  std::string log;
  std::string full_log;  // the compiler's whole output, when the log is a digest of it
};

BuildResult ending(BuildResult result, SubmissionStatus with_status, std::string log) {
  result.status = with_status;
  result.log = std::move(log);
  return result;
}

BuildResult ending(BuildResult result, Failure failure) {
  result.full_log = std::move(failure.full_log);
  return ending(std::move(result), failure.status, std::move(failure.log));
}

// What a student reads when their file does not compile: the first error in their own file with
// its line and a hint, then the compiler's first messages without the grader's own paths.
Failure compile_error(const std::string& log, const SourceFile& file,
                      const std::vector<std::pair<std::string, std::string>>& renames) {
  const std::string renamed = trim_compiler_log(log, renames, INT_MAX, INT_MAX, SIZE_MAX);
  const std::string lead = lead_compiler_error(renamed, {{file.name, file.content}});
  // After the lead, the first error's messages are enough.
  const std::string messages =
      trim_compiler_log(hide_internal_lines(renamed), {}, lead.empty() ? 3 : 1);
  return Failure{SubmissionStatus::kBuildFailed,
                 lead.empty() ? messages : lead + "\nThe compiler's first messages:\n" + messages,
                 file.name + ":\n" + renamed};
}

// True when the compiler's messages name a line of `file` ("layers.cpp:12:"): an error in the
// student's code, rather than a compiler that could not run.
bool points_at_source(const std::string& log, const std::string& file) {
  return log.find(file + ":") != std::string::npos;
}

// Compiles the files not in the cache, in parallel, counting them in *compiled. False, with
// *failure (every failing file's log; grader_error when any failure is ours), when one failed.
bool compile(std::vector<SourceFile>& files, const Toolchain& toolchain,
             const BuildOptions& options, const fs::path& cache_work, int* compiled,
             Failure* failure) {
  std::string sandbox_error;
  std::optional<run::Sandbox> sandbox = run::Sandbox::for_policy(options.isolation, &sandbox_error);
  if (!sandbox) {
    *failure = {SubmissionStatus::kGraderError, "Cannot compile: " + sandbox_error + ".\n"};
    return false;
  }
  // As root, the compiler runs as a user of its own (compiler_user.h), which works in a folder of
  // its own under the temp dir (the cache may be under a home no other user can enter); grade
  // moves its objects into the cache.
  const CompilerUser user = compiler_user(toolchain.include_dir, toolchain.compile_fingerprint);
  Toolchain as_run = toolchain;
  as_run.include_dir = user.include_dir;
  std::optional<TempDir> user_dir;
  if (user.as_compiler_user) {
    std::error_code ec;
    user_dir.emplace(fs::temp_directory_path(ec));
    if (user_dir->path().empty() ||
        chown(user_dir->path().c_str(), run::kCompilerUid, run::kCompilerUid) != 0) {
      *failure = {SubmissionStatus::kGraderError, "Cannot make a folder for the compiler in " +
                                                      fs::temp_directory_path(ec).string() + ".\n"};
      return false;
    }
  }
  const bool as_compiler_user = user_dir.has_value();
  const fs::path& work = as_compiler_user ? user_dir->path() : cache_work;
  // One compile of `name` (in `work`) into `output`, contained as every compile here is.
  auto compile_spec = [&](const std::string& name, const fs::path& output,
                          const fs::path& writable) {
    run::ProcessSpec spec;
    spec.argv = {toolchain.compiler.string()};
    for (const std::string& flag : as_run.compile_flags()) spec.argv.push_back(flag);
    // -pipe: no temporary assembly file on any disk.
    spec.argv.insert(spec.argv.end(), {"-pipe", "-c", name, "-o", output.string(), "-MD", "-MF",
                                       output.string() + ".d"});
    run::Sandbox::View view;
    view.work_dir = work;
    view.readable = {as_run.include_dir};
    if (!writable.empty()) view.writable = {writable};
    spec.argv = sandbox->wrap(spec.argv, view);
    spec.working_dir = work;
    // Its temporary assembly in the work folder too, where its messages may point. Its
    // messages in the C locale: the same words and quotes on every machine, and ASCII quotes a
    // terminal without UTF-8 shows too.
    spec.env = {{"TMPDIR", work.string()}, {"LC_ALL", "C"}};
    if (as_compiler_user) spec.uid = spec.gid = run::kCompilerUid;
    spec.wall_seconds = spec.cpu_seconds = options.compile_timeout_seconds;
    spec.memory_mb = kCompilerMemoryMb;
    spec.file_mb = kCompilerFileMb;
    spec.output_kb = kCompilerOutputKb;
    return spec;
  };
  std::vector<SourceFile*> todo;
  std::vector<run::ProcessSpec> specs;
  std::vector<fs::path> temps, outputs;
  for (SourceFile& file : files) {
    if (file.cached) continue;
    std::ofstream(work / file.name, std::ios::binary) << file.content;
    temps.push_back(file.object.string() + "." + unique_suffix());
    // The compiler's user writes into its own folder; grade moves the object into the cache.
    outputs.push_back(as_compiler_user ? work / (file.name + ".o") : temps.back());
    specs.push_back(compile_spec(file.name, outputs.back(),
                                 as_compiler_user ? fs::path() : file.object.parent_path()));
    todo.push_back(&file);
  }
  // Whether the grader's own prelude compiles here, in the same place, as the same user, with
  // the same limits: asked once, when a file failed. If it does, a failure is the submission's,
  // whatever file its messages name (a `#line` can name any); if it does not (a full disk, a
  // broken installation), the failure is the grader's.
  std::optional<std::string> control_log;
  auto grader_compiles_here = [&]() -> const std::string& {
    if (!control_log) {
      const std::string name = "nn-grade-control.cpp";
      std::ofstream(work / name) << "// The grader's own: the prelude alone.\n";
      run::ProcessResult p;
      run::run_all({compile_spec(name, work / (name + ".o"), {})}, options.slots,
                   [&](std::size_t, run::ProcessResult r) { p = std::move(r); });
      control_log = p.started && p.exit_code == 0 ? "" : p.start_error + p.err + p.out;
      if (control_log->empty() && !(p.started && p.exit_code == 0)) *control_log = "it failed";
    }
    return *control_log;
  };
  std::vector<std::optional<Failure>> failures(todo.size());
  std::vector<std::pair<std::string, std::string>> renames = {
      {work.string() + "/", ""},
      {toolchain.include_dir.string() + "/", ""},
      {as_run.include_dir.string() + "/", ""},
      {toolchain.eigen_include.string() + "/", ""}};
  // Where a submission's file may include from: the system's headers, ours and its own folder.
  const std::vector<std::string> allowed = {"/usr/", toolchain.include_dir.string() + "/",
                                            as_run.include_dir.string() + "/", work.string() + "/"};
  run::run_all(specs, options.slots, [&](std::size_t i, run::ProcessResult p) {
    const std::string& name = todo[i]->name;
    std::string outside = first_outside_directive(todo[i]->content, allowed);
    if (outside.empty()) {
      outside = p.started && p.exit_code == 0
                    ? first_outside_dependency(read_file(outputs[i].string() + ".d"), allowed)
                    : first_outside_location(p.err + p.out, allowed);
    }
    if (!outside.empty()) {
      failures[i] = Failure{SubmissionStatus::kBuildFailed, outside_include_message(name, outside)};
    } else if (!p.started) {
      failures[i] = Failure{SubmissionStatus::kGraderError,
                            "The compiler could not start (" + p.start_error + ").\n"};
    } else if (p.timed_out || p.signal == SIGXCPU) {
      failures[i] =
          Failure{SubmissionStatus::kBuildFailed,
                  fmt::format("{}: compiling took longer than {:g} s and was stopped (a template "
                              "or constexpr recursion that never ends?)\n",
                              name, options.compile_timeout_seconds)};
    } else if (p.signal != 0) {
      failures[i] =
          Failure{SubmissionStatus::kBuildFailed,
                  fmt::format("{}: the compiler was stopped by {} (out of memory at {} MB?)\n",
                              name, protocol::signal_name(p.signal), kCompilerMemoryMb)};
    } else if (p.exit_code != 0 && !grader_compiles_here().empty()) {
      // "No space left on device", "cannot execute 'as'": the grader's own code fails here too.
      failures[i] = Failure{SubmissionStatus::kGraderError,
                            "The grader's own code does not compile here either:\n" +
                                trim_compiler_log(grader_compiles_here(), renames)};
    } else if (p.exit_code != 0 &&
               (p.err + p.out).find("Assembler messages:") != std::string::npos) {
      // Only a submission's inline assembly reaches the assembler with an error.
      failures[i] = Failure{SubmissionStatus::kBuildFailed,
                            name + ": its inline assembly does not assemble:\n" +
                                trim_compiler_log(p.err + p.out, renames)};
    } else if (p.exit_code != 0 && !points_at_source(p.err + p.out, name)) {
      // The grader's code compiles here, so the failure is this file's, wherever it points.
      failures[i] =
          Failure{SubmissionStatus::kBuildFailed,
                  name + " does not compile:\n" + trim_compiler_log(p.err + p.out, renames)};
    } else if (p.exit_code != 0) {
      failures[i] = compile_error(p.err + p.out, *todo[i], renames);
    } else if ((as_compiler_user && !copied(outputs[i], temps[i])) ||
               !publish(temps[i], todo[i]->object)) {
      failures[i] = Failure{SubmissionStatus::kGraderError,
                            "Cannot write the compiled " + name + " into the cache.\n"};
    } else {
      ++*compiled;
      todo[i]->log = p.err + p.out;
      // Its warnings for the next build that finds the object cached; without it, none.
      const fs::path log_temp = temps[i].string() + ".log";
      std::ofstream(log_temp, std::ios::binary) << todo[i]->log;
      publish(log_temp, log_of(todo[i]->object));
    }
    std::error_code ec;
    fs::remove(temps[i], ec);
    fs::remove(temps[i].string() + ".d", ec);
  });
  bool any = false;
  for (const std::optional<Failure>& file_failure : failures) {
    if (!file_failure) continue;
    if (!any || file_failure->status == SubmissionStatus::kGraderError) {
      failure->status = file_failure->status;
    }
    failure->log += file_failure->log;
    failure->full_log += file_failure->full_log;
    any = true;
  }
  return !any;
}

// Links the objects with `inputs` (the server's own code) into `server`, statically. False, with
// *failure, when it failed.
bool link(const std::vector<SourceFile>& files, const std::vector<std::string>& inputs,
          const Toolchain& toolchain, const BuildOptions& options, const CacheDirs& dirs,
          const fs::path& server, Failure* failure) {
  fs::path temp = server.string() + "." + unique_suffix();
  run::ProcessSpec spec;
  spec.argv = {toolchain.compiler.string()};
  std::vector<std::pair<std::string, std::string>> renames = {
      {"/usr/bin/ld: ", "ld: "}, {toolchain.server_library.string(), "the grader's server"}};
  for (const SourceFile& file : files) {
    spec.argv.push_back(file.object.string());
    renames.push_back({file.object.string(), file.name});
  }
  spec.argv.insert(spec.argv.end(), inputs.begin(), inputs.end());
  spec.argv.insert(spec.argv.end(), {"-o", temp.string()});
  spec.working_dir = dirs.tmp;
  spec.wall_seconds = spec.cpu_seconds = options.compile_timeout_seconds;
  spec.memory_mb = kCompilerMemoryMb;
  spec.file_mb = kCompilerFileMb;
  spec.output_kb = kCompilerOutputKb;
  run::ProcessResult p;
  run::run_all({spec}, options.slots, [&](std::size_t, run::ProcessResult r) { p = std::move(r); });
  std::optional<Failure> failed;
  if (!p.started) {
    failed = {SubmissionStatus::kGraderError,
              "The linker could not start (" + p.start_error + ").\n"};
  } else if (!p.exited_normally() || p.exit_code != 0) {
    std::string explained = explain_undefined_references(p.err + p.out);
    std::string trimmed = trim_compiler_log(p.err + p.out, renames);
    bool students =
        !explained.empty() || std::any_of(files.begin(), files.end(), [&](const SourceFile& file) {
          return points_at_source(trimmed, file.name);
        });
    // "cannot find -lfmt" names none of the student's files: the installation's fault.
    failed = {students ? SubmissionStatus::kBuildFailed : SubmissionStatus::kGraderError,
              !explained.empty() ? explained
              : students         ? "Linking your files with the grader failed:\n" + trimmed
                                 : "The linker failed without pointing at your files:\n" + trimmed};
  } else if (!publish(temp, server)) {
    failed = {SubmissionStatus::kGraderError, "Cannot write the student server into the cache.\n"};
  }
  std::error_code ec;
  fs::remove(temp, ec);
  if (failed) *failure = std::move(*failed);
  return !failed;
}

// The server of `files` linked with `inputs`, from the cache (*before) or linked now, in
// *server. False, with *failure, when it could not be linked.
bool linked(const std::vector<SourceFile>& files, const std::vector<std::string>& inputs,
            const Toolchain& toolchain, const BuildOptions& options, const CacheDirs& dirs,
            fs::path* server, bool* before, Failure* failure) {
  protocol::Digest digest;
  digest.add(toolchain.fingerprint);
  for (const std::string& input : inputs) digest.add(input);
  for (const SourceFile& file : files) digest.add(file.hash);
  const fs::path path = dirs.servers / digest.hex();
  std::error_code ec;
  *before = fs::is_regular_file(path, ec);
  if (*before) {
    mark_used(path);
  } else if (!link(files, inputs, toolchain, options, dirs, path, failure)) {
    return false;
  }
  *server = path;
  return true;
}

}  // namespace

BuildResult build_submission(const fs::path& submission_dir, const Toolchain& toolchain,
                             const BuildOptions& options) {
  BuildResult result;
  std::vector<SourceFile> files;
  for (const char* name : protocol::kSubmissionFiles) {
    fs::path path = submission_dir / name;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
      result.missing.push_back(name);
    } else {
      files.push_back({name, read_file(path), "", "", false, ""});
    }
  }
  if (!result.missing.empty()) {
    return ending(result, SubmissionStatus::kMissingFiles,
                  missing_files_log(submission_dir, result.missing));
  }
  protocol::Digest fingerprint;
  fingerprint.add(toolchain.fingerprint);
  for (const SourceFile& file : files) fingerprint.add(file.name).add(file.content);
  result.fingerprint = fingerprint.hex();

  if (std::string problem = toolchain_problem(toolchain); !problem.empty()) {
    return ending(result, SubmissionStatus::kGraderError, problem + "\n");
  }
  std::error_code ec;
  CacheDirs dirs;
  if (options.cache_dir.empty() || !make_cache_dirs(options.cache_dir, &dirs)) {
    return ending(result, SubmissionStatus::kGraderError,
                  "Cannot create the cache in \"" + options.cache_dir.string() + "\"");
  }
  for (SourceFile& file : files) {
    protocol::Digest digest;
    file.hash = digest.add(toolchain.compile_fingerprint).add(file.name).add(file.content).hex();
    file.object = dirs.objects / (file.hash + ".o");
    file.cached = fs::is_regular_file(file.object, ec);
    if (file.cached) {
      mark_used(file.object);
      file.log = read_file(log_of(file.object));
      if (fs::exists(log_of(file.object), ec)) mark_used(log_of(file.object));
    }
  }

  TempDir work(dirs.tmp);
  if (work.path().empty()) {
    return ending(result, SubmissionStatus::kGraderError,
                  "Cannot create a folder in " + dirs.tmp.string());
  }
  Failure failure;
  if (!compile(files, toolchain, options, work.path(), &result.compiled, &failure)) {
    return ending(result, std::move(failure));
  }

  bool linked_before = false;
  if (!linked(files, toolchain.link_inputs, toolchain, options, dirs, &result.server,
              &linked_before, &failure)) {
    return ending(result, std::move(failure));
  }
  if (options.standin_server && !toolchain.standin_link_inputs.empty()) {
    std::vector<SourceFile> without_layers;
    for (const SourceFile& file : files) {
      if (file.name != protocol::kLayersFile) without_layers.push_back(file);
    }
    bool standin_before = false;
    Failure standin_failure;
    if (!linked(without_layers, toolchain.standin_link_inputs, toolchain, options, dirs,
                &result.standin_server, &standin_before, &standin_failure)) {
      result.standin_status = standin_failure.status;
      result.standin_log = std::move(standin_failure.log);
    }
    linked_before = linked_before && standin_before;
  }
  result.reused = linked_before && result.compiled == 0;
  for (const SourceFile& file : files) {
    for (protocol::CompilerWarning& w : compiler_warnings(file.log, file.name, toolchain.flags)) {
      result.warnings.push_back(std::move(w));
    }
  }
  return ending(result, SubmissionStatus::kGraded, "");
}

}  // namespace nn_grade::compile
