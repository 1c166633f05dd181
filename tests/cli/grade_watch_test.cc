// `grade --local --watch` as a student uses it: a save grades again, rebuilding only the saved
// file; a burst of saves is one run; Ctrl-C, idle or mid-run, ends it with status 0 and leaves
// no process behind.
#include <dirent.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "protocol/submission_files.h"

namespace nn_grade {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

const fs::path kSource = SOURCE_DIR;

fs::path fresh_dir(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("grade-watch-test-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "work");
  for (const char* file : protocol::kSubmissionFiles) {
    fs::copy_file(kSource / "student_template" / file, dir / "work" / file);
  }
  return dir;
}

// As editors save: a new file renamed over the old one.
void save(const fs::path& file, const std::string& appended) {
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const fs::path temporary = file.string() + ".swp~";
  std::ofstream(temporary) << text << appended;
  fs::rename(temporary, file);
}

size_t objects_in(const fs::path& cache) {
  size_t n = 0;
  for (const auto& entry : fs::directory_iterator(cache / "objects")) {
    n += entry.path().extension() == ".o";
  }
  return n;
}

// The processes whose parent is this test, which is every orphan's subreaper: alive, or dead and
// not yet reaped (which are reaped here).
std::vector<pid_t> children() {
  std::vector<pid_t> out;
  DIR* proc = opendir("/proc");
  while (dirent* entry = readdir(proc)) {
    const pid_t pid = static_cast<pid_t>(std::atoi(entry->d_name));
    if (pid <= 0) continue;
    std::ifstream stat("/proc/" + std::string(entry->d_name) + "/stat");
    std::string line;
    std::getline(stat, line);
    char state = 0;
    long ppid = 0;
    if (line.rfind(')') != std::string::npos &&
        std::sscanf(line.c_str() + line.rfind(')') + 1, " %c %ld", &state, &ppid) == 2 &&
        ppid == getpid()) {
      if (state == 'Z') {
        waitpid(pid, nullptr, WNOHANG);
      } else {
        out.push_back(pid);
      }
    }
  }
  closedir(proc);
  return out;
}

// grade --local --watch DIR in the background, its output read as it comes.
class Watch {
 public:
  Watch(const fs::path& dir, const fs::path& cache) {
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    int out[2];
    EXPECT_EQ(pipe2(out, O_CLOEXEC), 0);
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], 1);
      dup2(out[1], 2);
      setenv("NN_GRADE_CACHE", cache.c_str(), 1);
      execl(GRADE_BINARY, GRADE_BINARY, "--local", dir.c_str(), "--watch", nullptr);
      _exit(127);
    }
    close(out[1]);
    out_ = out[0];
  }
  ~Watch() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(out_);
    for (pid_t pid : children()) kill(pid, SIGKILL), waitpid(pid, nullptr, 0);
  }

  // Reads until `text` has appeared `times` times in all the output; false after `seconds`.
  bool wait_for(const std::string& text, int times, int seconds = 300) {
    const auto deadline = Clock::now() + std::chrono::seconds(seconds);
    while (count(text) < times) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return false;
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
      char buffer[4096];
      const ssize_t n = read(out_, buffer, sizeof buffer);
      if (n <= 0) return count(text) >= times;
      output_.append(buffer, static_cast<size_t>(n));
    }
    return true;
  }

  // Reads until the output ends (grade and all it started are gone) or `seconds` pass.
  void read_to_end(int seconds) {
    for (auto deadline = Clock::now() + std::chrono::seconds(seconds); Clock::now() < deadline;) {
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, 100) < 0) return;
      if (!(p.revents & (POLLIN | POLLHUP))) continue;
      char buffer[4096];
      const ssize_t n = read(out_, buffer, sizeof buffer);
      if (n <= 0) return;
      output_.append(buffer, static_cast<size_t>(n));
    }
  }

  int count(const std::string& text) const {
    int n = 0;
    for (size_t at = output_.find(text); at != std::string::npos; at = output_.find(text, at + 1)) {
      ++n;
    }
    return n;
  }

  // Ctrl-C; the exit status, or -1 when grade does not end within ten seconds.
  int interrupt() {
    kill(pid_, SIGINT);
    for (auto deadline = Clock::now() + std::chrono::seconds(10); Clock::now() < deadline;) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        read_to_end(2);
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
  }

  const std::string& output() const { return output_; }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  bool exited_ = false;
  std::string output_;
};

constexpr const char* kWatching = "Ctrl-C to stop.";

}  // namespace

TEST(GradeWatch, ASaveGradesAgainRebuildingOnlyTheSavedFile) {
  const fs::path dir = fresh_dir("save");
  Watch watch(dir / "work", dir / "cache");
  ASSERT_TRUE(watch.wait_for(kWatching, 1)) << watch.output();
  EXPECT_NE(watch.output().find("Watching " + (dir / "work").string()), std::string::npos)
      << watch.output();
  ASSERT_EQ(objects_in(dir / "cache"), 4u);

  // A burst of saves, as an editor makes (a rename, then writes in place): one run.
  save(dir / "work" / "layers.cpp", "// first\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::ofstream(dir / "work" / "layers.cpp", std::ios::app) << "// second\n";
  ASSERT_TRUE(watch.wait_for(kWatching, 2)) << watch.output();
  EXPECT_EQ(watch.count("layers.cpp changed: run 2"), 1) << watch.output();
  EXPECT_EQ(objects_in(dir / "cache"), 5u) << "only layers.cpp is compiled again";
  EXPECT_FALSE(watch.wait_for("run 3", 1, 2)) << watch.output();

  EXPECT_EQ(watch.interrupt(), 0) << watch.output();
  EXPECT_NE(watch.output().find("Stopped watching."), std::string::npos) << watch.output();
  EXPECT_TRUE(children().empty());
}

TEST(GradeWatch, CtrlCWhileItCompilesLeavesNoProcessBehind) {
  const fs::path dir = fresh_dir("interrupt");
  Watch watch(dir / "work", dir / "cache");
  ASSERT_TRUE(watch.wait_for(kWatching, 1)) << watch.output();
  for (const char* file : protocol::kSubmissionFiles) save(dir / "work" / file, "// changed\n");
  ASSERT_TRUE(watch.wait_for("run 2", 1)) << watch.output();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // four compilers are running

  EXPECT_EQ(watch.interrupt(), 0) << watch.output();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  std::string left;
  for (pid_t pid : children()) {
    std::ifstream cmdline("/proc/" + std::to_string(pid) + "/cmdline");
    left += "\n  " + std::to_string(pid) + ": " +
            std::string(std::istreambuf_iterator<char>(cmdline), std::istreambuf_iterator<char>());
  }
  EXPECT_TRUE(left.empty()) << "processes of grade's outlived it:" << left;
}

TEST(GradeWatch, WithoutAFolderToWatchExitsTwo) {
  const fs::path dir = fresh_dir("nothing");
  fs::remove_all(dir / "work");
  Watch watch(dir / "work", dir / "cache");
  watch.read_to_end(30);
  EXPECT_EQ(watch.interrupt(), 2) << watch.output();
  EXPECT_NE(watch.output().find("no such folder"), std::string::npos) << watch.output();
}

}  // namespace nn_grade
