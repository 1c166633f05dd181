#include "util/atomic_file.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "fixtures.h"

namespace nn_grade {

namespace {

std::string contents(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(AtomicFileTest, WritesAndReplacesLeavingNoTemporaryFile) {
  const std::filesystem::path folder = fixtures::scratch_folder();
  const std::filesystem::path file = folder / "nested" / "result.json";
  util::write_file_atomically(file, "first");
  EXPECT_EQ(contents(file), "first");
  util::write_file_atomically(file, std::string("second\0with a nul", 17));
  EXPECT_EQ(contents(file), std::string("second\0with a nul", 17));
  int entries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(file.parent_path())) {
    EXPECT_EQ(entry.path().filename(), "result.json");
    ++entries;
  }
  EXPECT_EQ(entries, 1);
}

TEST(AtomicFileTest, FailureKeepsTheOldFileAndNamesThePath) {
  const std::filesystem::path folder = fixtures::scratch_folder();
  const std::filesystem::path file = folder / "summary.csv";
  util::write_file_atomically(file, "old");
  std::filesystem::create_directories(folder / "blocked");
  // Renaming a file over a non-empty folder fails: the write must throw and leave no debris.
  std::ofstream(folder / "blocked" / "keep") << "x";
  try {
    util::write_file_atomically(folder / "blocked", "new");
    FAIL() << "replaced a folder";
  } catch (const std::system_error& error) {
    EXPECT_NE(std::string(error.what()).find((folder / "blocked").string()), std::string::npos);
  }
  EXPECT_EQ(contents(file), "old");
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder)) ++entries;
  EXPECT_EQ(entries, 2);  // summary.csv and blocked/, no temporary file
}

}  // namespace

}  // namespace nn_grade
