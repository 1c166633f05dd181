// The grader against the corpus: every entry is staged as a submission (the reference's or the
// template's four files, with the entry's files in place of theirs), one `grade --batch` grades
// them all, and each result.json is compared with the entry's manifest.
#include <climits>  // Boost 1.74 uses CHAR_MAX without including it
#include <fstream>

#include <gtest/gtest.h>
#include <boost/process.hpp>
#include <nlohmann/json.hpp>

#include "compare.h"
#include "manifest.h"
#include "submission_files.h"

namespace {

namespace fs = std::filesystem;
using corpus::Manifest;

const fs::path kWork = NN_CORPUS_WORK_DIR;
const fs::path kSubmissions = kWork / "submissions";
const fs::path kOut = kWork / "out";

const std::vector<Manifest>& entries() {
  static const std::vector<Manifest> all = corpus::load_corpus(NN_CORPUS_DIR);
  return all;
}

void stage(const Manifest& m) {
  const fs::path base = m.base == "template" ? NN_TEMPLATE_DIR : NN_REFERENCE_DIR;
  const fs::path dest = kSubmissions / m.name;
  fs::create_directories(dest);
  for (const char* file : protocol::kSubmissionFiles) {
    if (std::find(m.deleted.begin(), m.deleted.end(), file) != m.deleted.end()) continue;
    const fs::path own = m.dir / file;
    fs::copy_file(fs::exists(own) ? own : base / file, dest / file);
  }
}

// Grades the whole corpus once, before any entry's test reads its result.
class GradeCorpusOnce : public ::testing::Environment {
 public:
  void SetUp() override {
    fs::remove_all(kWork);
    for (const Manifest& m : entries()) {
      stage(m);
      for (const std::string& path : m.must_not_create) fs::remove(path);
    }
    const fs::path log = kWork / "grade.log";
    const int exit_code = boost::process::system(
        NN_GRADE_BINARY, "--batch", kSubmissions.string(), "--out", kOut.string(), "--jobs", "2",
        boost::process::std_out > log.string(), boost::process::std_err > log.string(),
        boost::process::std_in < boost::process::null);
    ASSERT_EQ(exit_code, 0) << "grade --batch failed; see " << log;
  }
};

class CorpusEntryTest : public ::testing::TestWithParam<Manifest> {};

TEST_P(CorpusEntryTest, IsGradedAsItsManifestSays) {
  const Manifest& m = GetParam();
  const fs::path result_file = kOut / m.name / "result.json";
  ASSERT_TRUE(fs::exists(result_file)) << "no " << result_file;
  nlohmann::json result;
  std::ifstream(result_file) >> result;
  std::string report;
  for (const std::string& line : corpus::compare_result(m, result)) report += line + "\n";
  EXPECT_TRUE(report.empty()) << m.description << "\n"
                              << report << "(result: " << result_file << ")";
  if (result.value("isolation", "") == "bubblewrap") {
    for (const std::string& path : m.must_not_create) {
      EXPECT_FALSE(fs::exists(path)) << m.name << " wrote " << path << " outside its sandbox";
    }
  }
}

std::string test_name(const ::testing::TestParamInfo<Manifest>& info) {
  std::string name = info.param.name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusEntryTest, ::testing::ValuesIn(entries()), test_name);

}  // namespace

namespace corpus {
// What GoogleTest prints for a parameter: the entry's name, not its bytes.
void PrintTo(const Manifest& m, std::ostream* os) { *os << m.name; }
}  // namespace corpus

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new GradeCorpusOnce);
  return RUN_ALL_TESTS();
}
