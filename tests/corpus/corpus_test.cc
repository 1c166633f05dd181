// The grader against the corpus: every entry is staged as a submission (the reference's or the
// template's four files, with the entry's files in place of theirs), one `grade --batch` grades
// them all, and each result.json is compared with the entry's manifest.
//
//   corpus_test                                   every entry, grade's default isolation
//   corpus_test --isolation none --hostile-only   the `kind: hostile` entries, no sandbox
//
// Containment, after every `grade` this test runs (the batch, and `grade --gradescope` for each
// entry with `gradescope: true`): this process is a child subreaper, so whatever a submission
// leaves running is reparented to it. When `grade` exits, every result file is read; kSettle
// later (longer than any attack's delay) they are read again and must not have changed, and no
// process may be left below this one (both looks, 1 s after the exit and after kSettle). Left
// processes are listed, then killed and reaped. Entries are judged on the files as `grade` left
// them, so a rewrite after the exit shows up once, as a containment failure.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <climits>  // Boost 1.74 uses CHAR_MAX without including it
#include <cstring>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <boost/process.hpp>
#include <nlohmann/json.hpp>

#include "compare.h"
#include "manifest.h"
#include "protocol/catalog.h"
#include "protocol/submission_files.h"
#include "temp_dir.h"

namespace nn_grade {

namespace {

namespace fs = std::filesystem;
namespace bp = boost::process;
using corpus::Manifest;

// How long result files must stay unchanged after `grade` exits: the hostile entries' daemons
// strike 3 s after it.
constexpr auto kSettle = std::chrono::seconds(8);

struct Mode {
  std::string isolation;  // empty: grade's default
  bool hostile_only = false;
  std::set<std::string> only;  // empty: every entry
  fs::path work = NN_CORPUS_WORK_DIR;
};
Mode mode;

fs::path submissions() { return mode.work / "submissions"; }
fs::path out_dir() { return mode.work / "out"; }

const std::vector<Manifest>& entries() {
  static const std::vector<Manifest> all = [] {
    std::vector<Manifest> chosen;
    for (Manifest& m : corpus::load_corpus(NN_CORPUS_DIR)) {
      if (mode.hostile_only && m.kind != "hostile") continue;
      if (!mode.only.empty() && mode.only.count(m.name) == 0) continue;
      chosen.push_back(std::move(m));
    }
    return chosen;
  }();
  return all;
}

std::vector<Manifest> gradescope_entries() {
  std::vector<Manifest> chosen;
  for (const Manifest& m : entries()) {
    if (m.gradescope) chosen.push_back(m);
  }
  return chosen;
}

void stage(const Manifest& m, const fs::path& dest) {
  const fs::path base = m.base == "template" ? NN_TEMPLATE_DIR : NN_REFERENCE_DIR;
  fs::create_directories(dest);
  for (const char* file : protocol::kSubmissionFiles) {
    if (std::find(m.deleted.begin(), m.deleted.end(), file) != m.deleted.end()) continue;
    const fs::path own = m.dir / file;
    fs::copy_file(fs::exists(own) ? own : base / file, dest / file);
  }
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// must_not_leak_env: each variable gets a fresh random value in grade's environment.
const std::map<std::string, std::string>& secrets() {
  static const std::map<std::string, std::string> values = [] {
    std::map<std::string, std::string> chosen;
    std::random_device device;
    for (const Manifest& m : entries()) {
      for (const std::string& name : m.must_not_leak_env) {
        chosen[name] = "corpus-secret-" + std::to_string(device()) + std::to_string(device());
      }
    }
    return chosen;
  }();
  return values;
}

// ---- Containment -------------------------------------------------------------------------------

struct ProcessInfo {
  int pid, ppid;
  char state;
  std::string comm, cmdline;
};

std::vector<ProcessInfo> all_processes() {
  std::vector<ProcessInfo> found;
  std::error_code error;
  for (fs::directory_iterator it("/proc", error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
    const std::string stat = read(it->path() / "stat");
    const size_t open = stat.find('('), close = stat.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close + 4 > stat.size())
      continue;
    ProcessInfo p;
    p.pid = std::stoi(name);
    p.comm = stat.substr(open + 1, close - open - 1);
    p.state = stat[close + 2];
    p.ppid = std::atoi(stat.c_str() + close + 4);
    p.cmdline = read(it->path() / "cmdline");
    std::replace(p.cmdline.begin(), p.cmdline.end(), '\0', ' ');
    if (p.cmdline.size() > 200) p.cmdline = p.cmdline.substr(0, 200) + "...";
    found.push_back(p);
  }
  return found;
}

// Every process below this one, zombies included.
std::vector<ProcessInfo> descendants() {
  const std::vector<ProcessInfo> all = all_processes();
  std::set<int> tree = {getpid()};
  std::vector<ProcessInfo> below;
  for (bool grew = true; grew;) {
    grew = false;
    for (const ProcessInfo& p : all) {
      if (tree.count(p.ppid) && !tree.count(p.pid)) {
        tree.insert(p.pid);
        below.push_back(p);
        grew = true;
      }
    }
  }
  return below;
}

void reap_zombies() {
  while (waitpid(-1, nullptr, WNOHANG) > 0) {
  }
}

// The living processes below this one by pid, described; zombies are reaped.
std::map<int, std::string> lingering() {
  reap_zombies();
  std::map<int, std::string> described;
  for (const ProcessInfo& p : descendants()) {
    if (p.state == 'Z' || p.state == 'X') continue;
    described[p.pid] = std::to_string(p.pid) + " (" + p.comm + ", parent " +
                       std::to_string(p.ppid) + "): " + p.cmdline;
  }
  return described;
}

void kill_descendants() {
  for (int round = 0; round < 200; ++round) {
    const std::vector<ProcessInfo> below = descendants();
    if (below.empty()) return;
    for (const ProcessInfo& p : below) {
      if (p.state != 'Z') kill(p.pid, SIGKILL);  // ours: each is below this process
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    reap_zombies();
  }
}

std::map<fs::path, std::string> snapshot(const std::vector<fs::path>& roots) {
  std::map<fs::path, std::string> files;
  for (const fs::path& root : roots) {
    std::error_code error;
    if (fs::is_regular_file(root, error)) files[root] = read(root);
    if (!fs::is_directory(root, error)) continue;
    for (fs::recursive_directory_iterator it(root, error), end; !error && it != end;
         it.increment(error)) {
      if (it->is_regular_file(error)) files[it->path()] = read(it->path());
    }
  }
  return files;
}

struct Aftermath {
  std::map<fs::path, std::string> at_exit;  // every result file as `grade` left it
  std::vector<std::string> changed;         // files changed, added or removed after kSettle
  std::vector<std::string> lingering;       // processes left, 1 s after the exit or later
};

// Call as soon as `grade` has exited.
Aftermath watch_after_exit(const std::vector<fs::path>& roots) {
  Aftermath a;
  a.at_exit = snapshot(roots);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  std::map<int, std::string> left;
  for (const auto& [pid, p] : lingering()) left[pid] = "1 s after grade exited: " + p;
  std::this_thread::sleep_for(kSettle);
  const std::map<fs::path, std::string> later = snapshot(roots);
  for (const auto& [path, text] : a.at_exit) {
    auto now = later.find(path);
    if (now == later.end())
      a.changed.push_back(path.string() + " was removed");
    else if (now->second != text)
      a.changed.push_back(path.string() + " was rewritten");
  }
  for (const auto& [path, text] : later) {
    if (a.at_exit.count(path) == 0) a.changed.push_back(path.string() + " appeared");
  }
  for (const auto& [pid, p] : lingering()) left.emplace(pid, "after the settle time: " + p);
  for (const auto& [pid, p] : left) a.lingering.push_back(p);
  kill_descendants();
  return a;
}

std::string listed(const std::vector<std::string>& lines, size_t at_most = 20) {
  std::string text;
  for (size_t i = 0; i < lines.size() && i < at_most; ++i) text += "  " + lines[i] + "\n";
  if (lines.size() > at_most)
    text += "  ... and " + std::to_string(lines.size() - at_most) + " more\n";
  return text;
}

// Runs grade with the mode's isolation and the secrets in its environment; returns its exit code.
int run_grade(std::vector<std::string> args, const fs::path& log) {
  if (!mode.isolation.empty()) args.insert(args.end(), {"--isolation", mode.isolation});
  bp::environment env = boost::this_process::environment();
  for (const auto& [name, value] : secrets()) env[name] = value;
  return bp::system(NN_GRADE_BINARY, bp::args(args), env, bp::std_out > log.string(),
                    bp::std_err > log.string(), bp::std_in < bp::null);
}

Aftermath batch;  // of the one `grade --batch`

// The port hostile-reaches-loopback connects to on 127.0.0.1.
constexpr int kListenedPort = 47816;

// A TCP listener on 127.0.0.1:port for as long as it lives.
class LoopbackListener {
 public:
  explicit LoopbackListener(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int one = 1;
    setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        listen(fd_, 64) != 0) {
      ADD_FAILURE() << "cannot listen on 127.0.0.1:" << port << ": " << std::strerror(errno);
    }
  }
  ~LoopbackListener() {
    if (fd_ >= 0) close(fd_);
  }
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;

 private:
  int fd_ = -1;
};

// Grades the corpus once, before any entry's test reads its result.
class GradeCorpusOnce : public ::testing::Environment {
 public:
  void SetUp() override {
    fs::remove_all(mode.work);
    fs::remove_all("/tmp/nn-corpus-hostile");  // the hostile entries' lock files
    for (const Manifest& m : entries()) {
      stage(m, submissions() / m.name);
      for (const std::string& path : m.must_not_create) fs::remove(path);
    }
    const fs::path log = mode.work / "grade.log";
    // A service on this machine's loopback, as a TA's database or slurmctld would be: connecting
    // to it is what hostile-reaches-loopback tries (the kernel completes the connection for the
    // backlog, accepted or not).
    const LoopbackListener listener(kListenedPort);
    const int exit_code = run_grade(
        {"--batch", submissions().string(), "--out", out_dir().string(), "--jobs", "2"}, log);
    batch = watch_after_exit({out_dir()});
    ASSERT_EQ(exit_code, 0) << "grade --batch failed; see " << log;
  }
};

TEST(Containment, NoResultFileChangesAfterGradeExits) {
  EXPECT_TRUE(batch.changed.empty()) << "after grade --batch exited:\n" << listed(batch.changed);
}

TEST(Containment, NoProcessOutlivesGrade) {
  EXPECT_TRUE(batch.lingering.empty())
      << batch.lingering.size() << " processes outlived grade --batch (now killed):\n"
      << listed(batch.lingering);
}

void expect_no_leaks(const Manifest& m, const std::string& text, const std::string& where) {
  for (const std::string& name : m.must_not_leak_env) {
    EXPECT_EQ(text.find(secrets().at(name)), std::string::npos)
        << m.name << ": the value of " << name << " (grade's environment) is in " << where;
  }
}

// Where `text` holds a control character (C0 but newline and tab, DEL, C1 as UTF-8) or, in a
// JSON file, one escaped as \u00XX (nlohmann writes every other character as itself): the first
// few, described. Empty when the text is inert.
std::vector<std::string> control_characters(const std::string& text, bool json) {
  std::vector<std::string> found;
  auto note = [&](std::size_t at, const std::string& what) {
    if (found.size() < 5) {
      found.push_back(what + " at byte " + std::to_string(at) + ": \"" +
                      text.substr(at > 20 ? at - 20 : 0, 40) + "\"");
    }
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
      note(i, "control byte " + std::to_string(c));
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      note(i, "C1 control");
    }
    if (json && text.compare(i, 4, "\\u00") == 0) note(i, "escaped control character");
  }
  return found;
}

void expect_inert(const std::string& text, const std::string& where, bool json = false) {
  const std::vector<std::string> found = control_characters(text, json);
  EXPECT_TRUE(found.empty()) << where << " holds control characters:\n" << listed(found);
}

class CorpusEntryTest : public ::testing::TestWithParam<Manifest> {};

// Whether the batch's checks ran where a submission cannot see the machine's files.
// The containment the batch's checks ran under ("bubblewrap", "chroot", "user", "rlimits"), from
// the first result that says.
std::string batch_isolation() {
  for (const auto& [path, text] : batch.at_exit) {
    if (path.filename() != "result.json") continue;
    const std::string isolation = nlohmann::json::parse(text).value("isolation", "");
    if (!isolation.empty()) return isolation;
  }
  return "";
}

bool files_contained() {
  for (const auto& [path, text] : batch.at_exit) {
    if (path.filename() != "result.json") continue;
    const std::string isolation = nlohmann::json::parse(text).value("isolation", "");
    if (!isolation.empty()) return isolation == "bubblewrap" || isolation == "chroot";
  }
  return false;
}

TEST_P(CorpusEntryTest, IsGradedAsItsManifestSays) {
  const Manifest& m = GetParam();
  if (m.needs_network_containment && batch_isolation() == "rlimits") {
    GTEST_SKIP() << m.name
                 << ": only a network namespace of its own keeps a server off this "
                    "machine's loopback, and the checks ran with rlimits alone";
  }
  if (m.needs_file_containment && !files_contained()) {
    GTEST_SKIP() << m.name
                 << ": reading the machine's files can only be stopped by bubblewrap or "
                    "(as root) a chroot, and the checks ran with neither";
  }
  const fs::path result_file = out_dir() / m.name / "result.json";
  auto written = batch.at_exit.find(result_file);
  ASSERT_TRUE(written != batch.at_exit.end()) << "no " << result_file;
  const nlohmann::json result = nlohmann::json::parse(written->second);
  std::string report;
  for (const std::string& line : corpus::compare_result(m, result)) report += line + "\n";
  EXPECT_TRUE(report.empty()) << m.description << "\n"
                              << report << "(result: " << result_file << ")";
  expect_no_leaks(m, written->second, result_file.string());
  expect_inert(written->second, result_file.string(), true);
  auto feedback = batch.at_exit.find(out_dir() / m.name / "feedback.md");
  if (feedback != batch.at_exit.end()) {
    expect_no_leaks(m, feedback->second, "feedback.md");
    expect_inert(feedback->second, (out_dir() / m.name / "feedback.md").string());
  }
  // Every containment but rlimits alone (grade's own user) keeps the machine's files from it:
  // bubblewrap and chroot hide them, and "user" runs it as a uid that owns none, with the
  // machine's world-writable folders covered by its own.
  if (!result.value("isolation", "").empty() && result.value("isolation", "") != "rlimits") {
    for (const std::string& path : m.must_not_create) {
      EXPECT_FALSE(fs::exists(path)) << m.name << " wrote " << path << " outside its sandbox";
    }
  }
}

// The grader's own check of issue 22, "charge each mistake once": over the single-mistake
// entries (kind mistake, one file changed, graded), the mean points lost inside the wrong part
// (the components of its must_fail checks) and outside it, apart from the convergence test,
// which judges everything together. Outside must stay under 1 point on average.
TEST(CorpusTest, ASingleMistakeCostsPointsInItsOwnPartOnly) {
  double inside = 0, outside = 0, training = 0;
  int counted = 0;
  std::string table;
  for (const Manifest& m : entries()) {
    std::size_t files = 0;
    for (const auto& file : fs::directory_iterator(m.dir))
      files += file.path().extension() == ".cpp";
    if (m.kind != "mistake" || m.status != "graded" || files != 1 || m.must_fail.empty()) continue;
    auto written = batch.at_exit.find(out_dir() / m.name / "result.json");
    if (written == batch.at_exit.end()) continue;  // --only: not graded in this run
    std::set<std::string> parts;
    for (const std::string& id : m.must_fail) parts.insert(protocol::find_check(id)->component);
    double in = 0, out = 0, train = 0;
    const nlohmann::json result = nlohmann::json::parse(written->second);
    for (const nlohmann::json& check : result.at("checks")) {
      const double lost = check.value("max_score", 0.0) - check.value("score", 0.0);
      const std::string component = protocol::find_check(check.value("id", ""))->component;
      (component == "train" ? train : parts.count(component) ? in : out) += lost;
    }
    table += fmt::format("  {:<40} inside {:>5.1f}  outside {:>5.1f}  train.spiral {:>4.1f}\n",
                         m.name, in, out, train);
    inside += in;
    outside += out;
    training += train;
    ++counted;
  }
  if (counted == 0) GTEST_SKIP() << "no single-mistake entry was graded in this run";
  std::cout << fmt::format(
      "Points lost by {} single-mistake entries, on average: {:.2f} inside the wrong part, {:.2f} "
      "outside it, {:.2f} in train.spiral.\n{}",
      counted, inside / counted, outside / counted, training / counted, table);
  EXPECT_LT(outside / counted, 1.0) << table;
}

// `grade --gradescope` in a fake /autograder tree: --submission and --results point into it.
class GradescopeEntryTest : public ::testing::TestWithParam<Manifest> {};

TEST_P(GradescopeEntryTest, IsContainedUnderGradescope) {
  const Manifest& m = GetParam();
  const fs::path root = mode.work / "gradescope" / m.name / "autograder";
  stage(m, root / "submission");
  const fs::path results = root / "results" / "results.json";
  const int exit_code = run_grade({"--gradescope", "--submission", (root / "submission").string(),
                                   "--results", results.string(), "--jobs", "2"},
                                  root / "grade.log");
  const Aftermath after = watch_after_exit({root / "results"});
  ASSERT_EQ(exit_code, 0) << "grade --gradescope failed; see " << root / "grade.log";
  EXPECT_TRUE(after.changed.empty()) << "after grade --gradescope exited:\n"
                                     << listed(after.changed);
  EXPECT_TRUE(after.lingering.empty())
      << after.lingering.size() << " processes outlived grade --gradescope (now killed):\n"
      << listed(after.lingering);
  auto written = after.at_exit.find(results);
  ASSERT_TRUE(written != after.at_exit.end()) << "no " << results;
  const nlohmann::json gradescope = nlohmann::json::parse(written->second);
  double max_score = 0;
  for (const auto& test : gradescope.value("tests", nlohmann::json::array())) {
    max_score += test.value("max_score", 0.0);
  }
  const double score = gradescope.value("score", -1.0);
  if (m.expect_score == "zero") {
    EXPECT_EQ(score, 0.0) << m.name << " in " << results;
  }
  if (m.expect_score == "full") {
    EXPECT_EQ(score, max_score) << m.name << " in " << results;
  }
  expect_no_leaks(m, written->second, results.string());
  expect_inert(written->second, results.string(), true);
}

// Canvas's "Download Submissions" zip of the entry: its files named as Canvas names them
// (a made-up student, user 1001), and the manifest's extra entries beside them.
class CanvasExportEntryTest : public ::testing::TestWithParam<Manifest> {};

TEST_P(CanvasExportEntryTest, LeavesNoControlCharacterInWhatGradePrintsOrWrites) {
  const Manifest& m = GetParam();
  const fs::path root = mode.work / "canvas" / m.name;
  stage(m, root / "files");
  std::vector<std::pair<std::string, std::string>> entries;
  int attachment = 3000;
  for (const char* file : protocol::kSubmissionFiles) {
    if (!fs::exists(root / "files" / file)) continue;
    entries.push_back({"corpusstudent_1001_" + std::to_string(attachment++) + "_" + file,
                       read(root / "files" / file)});
  }
  for (const std::string& name : m.canvas_export) entries.push_back({name, "a line of text\n"});
  testing_files::write_zip(root / "export.zip", entries);
  const fs::path out = root / "out";
  const int exit_code =
      run_grade({"--batch", (root / "export.zip").string(), "--out", out.string(), "--jobs", "2"},
                root / "grade.log");
  const Aftermath after = watch_after_exit({out});
  const std::string log = read(root / "grade.log");
  ASSERT_NE(exit_code, 2) << "grade --batch failed; see " << root / "grade.log";
  EXPECT_TRUE(after.lingering.empty()) << listed(after.lingering);
  ASSERT_TRUE(fs::exists(out / "corpusstudent_1001" / "result.json")) << log;
  expect_inert(log, (root / "grade.log").string());
  for (const auto& [path, text] : after.at_exit) {
    expect_inert(text, path.string(), path.extension() == ".json");
  }
  for (const auto& [path, text] : after.at_exit) expect_no_leaks(m, text, path.string());
}

std::string test_name(const ::testing::TestParamInfo<Manifest>& info) {
  std::string name = info.param.name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusEntryTest, ::testing::ValuesIn(entries()), test_name);
INSTANTIATE_TEST_SUITE_P(Corpus, GradescopeEntryTest, ::testing::ValuesIn(gradescope_entries()),
                         test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GradescopeEntryTest);

std::vector<Manifest> canvas_export_entries() {
  std::vector<Manifest> chosen;
  for (const Manifest& m : entries()) {
    if (!m.canvas_export.empty()) chosen.push_back(m);
  }
  return chosen;
}
INSTANTIATE_TEST_SUITE_P(Corpus, CanvasExportEntryTest,
                         ::testing::ValuesIn(canvas_export_entries()), test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CanvasExportEntryTest);

}  // namespace

namespace corpus {
// What GoogleTest prints for a parameter: the entry's name, not its bytes.
void PrintTo(const Manifest& m, std::ostream* os) { *os << m.name; }
}  // namespace corpus

int program_main(int argc, char** argv) {
  // The mode first: InitGoogleTest instantiates the parameterised tests from entries().
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--gtest", 0) == 0) {
      argv[kept++] = argv[i];
      continue;
    }
    if (arg == "--isolation" && i + 1 < argc) {
      mode.isolation = argv[++i];
      mode.work += "-" + mode.isolation;
    } else if (arg == "--hostile-only") {
      mode.hostile_only = true;
      mode.work += "-hostile";
    } else if (arg == "--only" && i + 1 < argc) {
      // A few entries while working on them: "--only a,b". Its own work folder, so a full run's
      // results stay.
      std::stringstream names(argv[++i]);
      for (std::string name; std::getline(names, name, ',');) mode.only.insert(name);
      mode.work += "-only";
    } else {
      std::cerr << "usage: corpus_test [gtest flags] [--isolation auto|sandbox|none] "
                   "[--hostile-only] [--only ENTRY,ENTRY...]\n";
      return 2;
    }
  }
  argc = kept;
  ::testing::InitGoogleTest(&argc, argv);
  // Orphans of the submissions (setsid() daemons, fork bombs) are reparented to this process.
  if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) {
    std::cerr << "corpus_test: cannot become a child subreaper\n";
    return 2;
  }
  ::testing::AddGlobalTestEnvironment(new GradeCorpusOnce);
  return RUN_ALL_TESTS();
}

}  // namespace nn_grade

int main(int argc, char** argv) { return nn_grade::program_main(argc, argv); }
