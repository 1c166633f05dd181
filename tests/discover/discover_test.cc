// find_submissions on each layout of SUBMISSIONS: student folders, Canvas's export unpacked and
// as a .zip, and the inputs it must refuse.
#include "discover/discover.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "discover/archive_extract.h"
#include "temp_dir.h"

namespace nn_grade {

namespace discover {
namespace {

namespace fs = std::filesystem;
using testing_files::file_names;
using testing_files::read_file;
using testing_files::TempDir;
using testing_files::write_file;
using testing_files::write_zip;

using Entries = std::vector<std::pair<std::string, std::string>>;

// A small class as Canvas exports it: a late student, a re-upload, a non-ASCII name, a stray file.
Entries canvas_class() {
  return {{"doejane_48213_7712301_layers.cpp", "jane layers"},
          {"doejane_48213_7712302_model.cpp", "jane model"},
          {"garcíamaría_late_48216_7712310_layers.cpp", "maría layers"},
          {"o_brien2sean_48214_7712320_layers.cpp", "sean first layers"},
          {"o_brien2sean_48214_7712355_layers-1.cpp", "sean second layers"},
          {"o_brien2sean_48214_7712321_losses_v2.cpp", "sean losses"},
          {"grades.txt", "not a submission"}};
}

const Submission& find(const Discovery& discovery, const std::string& key) {
  for (const Submission& submission : discovery.submissions) {
    if (submission.key == key) return submission;
  }
  throw std::runtime_error("no submission " + key);
}

void expect_canvas_class(const Discovery& discovery) {
  ASSERT_EQ(discovery.submissions.size(), 3u);
  EXPECT_EQ(discovery.submissions[0].key, "doejane_48213");
  EXPECT_EQ(discovery.submissions[1].key, "garcíamaría_48216");
  EXPECT_EQ(discovery.submissions[2].key, "o_brien2sean_48214");
  EXPECT_EQ(discovery.unmatched_files, std::vector<std::string>{"grades.txt"});

  const Submission& jane = find(discovery, "doejane_48213");
  EXPECT_EQ(file_names(jane.dir), (std::vector<std::string>{"layers.cpp", "model.cpp"}));
  EXPECT_EQ(read_file(jane.dir / "model.cpp"), "jane model");
  EXPECT_EQ(jane.canvas_user_id, "48213");
  EXPECT_EQ(jane.sortable_name, "doejane");
  EXPECT_FALSE(jane.late);
  EXPECT_TRUE(jane.notes.empty());

  const Submission& maria = find(discovery, "garcíamaría_48216");
  EXPECT_TRUE(maria.late);
  EXPECT_EQ(read_file(maria.dir / "layers.cpp"), "maría layers");

  const Submission& sean = find(discovery, "o_brien2sean_48214");
  EXPECT_EQ(file_names(sean.dir), (std::vector<std::string>{"layers.cpp", "losses_v2.cpp"}));
  EXPECT_EQ(read_file(sean.dir / "layers.cpp"), "sean second layers");
  ASSERT_EQ(sean.notes.size(), 1u);
  EXPECT_EQ(sean.notes[0],
            "layers.cpp: used re-upload layers-1.cpp (the newest; ignored layers.cpp)");
}

TEST(DiscoverTest, ReadsAnUnpackedCanvasExport) {
  TempDir temp;
  for (const auto& [name, contents] : canvas_class())
    write_file(temp.path() / "in" / name, contents);
  write_file(temp.path() / "in" / ".DS_Store", "");
  Discovery discovery = find_submissions(temp.path() / "in", temp.path() / "staging");
  EXPECT_EQ(discovery.layout, "canvas");
  expect_canvas_class(discovery);
  EXPECT_EQ(find(discovery, "doejane_48213").dir, temp.path() / "staging" / "doejane_48213");
}

TEST(DiscoverTest, ReadsACanvasExportZip) {
  TempDir temp;
  write_zip(temp.path() / "submissions.zip", canvas_class());
  Discovery discovery = find_submissions(temp.path() / "submissions.zip", temp.path() / "staging");
  EXPECT_EQ(discovery.layout, "canvas-zip");
  expect_canvas_class(discovery);
}

TEST(DiscoverTest, ReadsAZipWhoseFilesSitInOneFolder) {
  TempDir temp;
  Entries entries;
  for (const auto& [name, contents] : canvas_class())
    entries.push_back({"submissions/" + name, contents});
  entries.push_back({"__MACOSX/submissions/._doejane_48213_7712301_layers.cpp", "junk"});
  write_zip(temp.path() / "submissions.zip", entries);
  expect_canvas_class(find_submissions(temp.path() / "submissions.zip", temp.path() / "staging"));
}

TEST(DiscoverTest, RestagingReplacesWhatAnEarlierRunStaged) {
  TempDir temp;
  write_file(temp.path() / "in" / "doejane_48213_7712301_layers.cpp", "new");
  write_file(temp.path() / "staging" / "doejane_48213" / "old.cpp", "old");
  Discovery discovery = find_submissions(temp.path() / "in", temp.path() / "staging");
  EXPECT_EQ(file_names(discovery.submissions.at(0).dir), std::vector<std::string>{"layers.cpp"});
}

TEST(DiscoverTest, TheHighestAttachmentIdIsTheNewestUpload) {
  TempDir temp;
  write_file(temp.path() / "in" / "doejane_48213_7712399_layers.cpp", "newest, plain name");
  write_file(temp.path() / "in" / "doejane_48213_7712350_layers-2.cpp", "older");
  write_file(temp.path() / "in" / "doejane_48213_99999_layers-1.cpp", "oldest, shorter id");
  Discovery discovery = find_submissions(temp.path() / "in", temp.path() / "staging");
  EXPECT_EQ(read_file(discovery.submissions.at(0).dir / "layers.cpp"), "newest, plain name");
}

TEST(DiscoverTest, AReuploadAloneIsStagedUnderItsPlainName) {
  TempDir temp;
  write_file(temp.path() / "in" / "doejane_48213_7712399_optimizer-1.cpp", "x");
  Discovery discovery = find_submissions(temp.path() / "in", temp.path() / "staging");
  const Submission& jane = discovery.submissions.at(0);
  EXPECT_EQ(file_names(jane.dir), std::vector<std::string>{"optimizer.cpp"});
  EXPECT_EQ(jane.notes, std::vector<std::string>{"optimizer.cpp: from optimizer-1.cpp"});
}

TEST(DiscoverTest, OneLateFileMakesTheSubmissionLate) {
  TempDir temp;
  write_file(temp.path() / "in" / "doejane_48213_7712301_layers.cpp", "");
  write_file(temp.path() / "in" / "doejane_LATE_48213_7712302_model.cpp", "");
  Discovery discovery = find_submissions(temp.path() / "in", temp.path() / "staging");
  ASSERT_EQ(discovery.submissions.size(), 1u);
  EXPECT_TRUE(discovery.submissions[0].late);
}

TEST(DiscoverTest, ReadsStudentFoldersInPlace) {
  TempDir temp;
  fs::path in = temp.path() / "class";
  write_file(in / "alice" / "layers.cpp", "a");
  write_file(in / "bob" / "cw3" / "layers.cpp", "b");  // unzipped into its own folder
  write_file(in / ".git" / "HEAD", "");
  write_file(in / "out" / "summary.csv", "");  // an earlier run's OUT
  write_file(in / "results" / "alice" / "result.json", "{}");
  write_file(in / "roster.csv", "");
  Discovery discovery = find_submissions(in, temp.path() / "staging");
  EXPECT_EQ(discovery.layout, "folders");
  ASSERT_EQ(discovery.submissions.size(), 2u);
  EXPECT_EQ(discovery.submissions[0].key, "alice");
  EXPECT_EQ(discovery.submissions[0].dir, in / "alice");
  EXPECT_EQ(discovery.submissions[1].key, "bob");
  EXPECT_EQ(discovery.submissions[1].dir, in / "bob" / "cw3");
  EXPECT_EQ(discovery.submissions[1].notes, std::vector<std::string>{"files found in bob/cw3/"});
  EXPECT_TRUE(discovery.submissions[1].canvas_user_id.empty());
  EXPECT_EQ(discovery.unmatched_files, std::vector<std::string>{"roster.csv"});
}

TEST(DiscoverTest, LeavesOutTheFoldersItIsToldToIgnore) {
  TempDir temp;
  fs::path in = temp.path() / "class";
  write_file(in / "alice" / "layers.cpp", "a");
  write_file(in / "graded" / "x.txt", "");
  write_file(in / "staging" / "y.txt", "");
  Discovery discovery = find_submissions(in, in / "staging", {in / "graded"});
  ASSERT_EQ(discovery.submissions.size(), 1u);
  EXPECT_EQ(discovery.submissions[0].key, "alice");
}

TEST(DiscoverTest, ReadsAZipOfStudentFolders) {
  TempDir temp;
  write_zip(temp.path() / "class.zip", {{"alice/layers.cpp", "a"}, {"bob/layers.cpp", "b"}});
  Discovery discovery = find_submissions(temp.path() / "class.zip", temp.path() / "staging");
  EXPECT_EQ(discovery.layout, "folders-zip");
  ASSERT_EQ(discovery.submissions.size(), 2u);
  EXPECT_EQ(read_file(discovery.submissions[1].dir / "layers.cpp"), "b");
}

TEST(DiscoverTest, SaysWhenSubmissionsIsMissing) {
  TempDir temp;
  try {
    find_submissions(temp.path() / "nowhere", temp.path() / "staging");
    FAIL() << "no error";
  } catch (const DiscoveryError& error) {
    EXPECT_NE(std::string(error.what()).find("SUBMISSIONS not found"), std::string::npos);
  }
}

TEST(DiscoverTest, SaysWhenSubmissionsIsEmpty) {
  TempDir temp;
  fs::create_directories(temp.path() / "empty");
  write_file(temp.path() / "empty" / ".hidden", "");
  EXPECT_THROW(find_submissions(temp.path() / "empty", temp.path() / "staging"), DiscoveryError);
}

TEST(DiscoverTest, SaysWhenThereAreOnlyLooseFiles) {
  TempDir temp;
  write_file(temp.path() / "in" / "layers.cpp", "");
  EXPECT_THROW(find_submissions(temp.path() / "in", temp.path() / "staging"), DiscoveryError);
}

TEST(DiscoverTest, SaysWhenTheArchiveIsNotOne) {
  TempDir temp;
  write_file(temp.path() / "submissions.zip", "this is not a zip file");
  EXPECT_THROW(find_submissions(temp.path() / "submissions.zip", temp.path() / "staging"),
               DiscoveryError);
}

TEST(DiscoverTest, RefusesAZipThatWritesOutsideItsFolder) {
  TempDir temp;
  write_zip(temp.path() / "evil.zip",
            {{"doejane_48213_7712301_layers.cpp", "x"}, {"../../escaped.cpp", "y"}});
  try {
    find_submissions(temp.path() / "evil.zip", temp.path() / "staging");
    FAIL() << "no error";
  } catch (const DiscoveryError& error) {
    EXPECT_NE(std::string(error.what()).find("../../escaped.cpp"), std::string::npos);
  }
  EXPECT_FALSE(fs::exists(temp.path() / "escaped.cpp"));
  EXPECT_FALSE(fs::exists(temp.path().parent_path() / "escaped.cpp"));
}

TEST(DiscoverTest, RefusesAZipWithAnAbsoluteName) {
  TempDir temp;
  write_zip(temp.path() / "evil.zip", {{"/tmp/escaped.cpp", "y"}});
  EXPECT_THROW(find_submissions(temp.path() / "evil.zip", temp.path() / "staging"), DiscoveryError);
}

TEST(SafeRelativePathTest, AcceptsOnlyNamesInsideTheFolder) {
  EXPECT_EQ(safe_relative_path("a/./b.cpp"), fs::path("a/b.cpp"));
  EXPECT_EQ(safe_relative_path("a\\b.cpp"), fs::path("a/b.cpp"));
  EXPECT_EQ(safe_relative_path("./"), fs::path());
  EXPECT_EQ(safe_relative_path("a..b.cpp"), fs::path("a..b.cpp"));
  EXPECT_THROW(safe_relative_path("a/../../b"), DiscoveryError);
  EXPECT_THROW(safe_relative_path(".."), DiscoveryError);
  EXPECT_THROW(safe_relative_path("..\\b"), DiscoveryError);
  EXPECT_THROW(safe_relative_path("/etc/passwd"), DiscoveryError);
  EXPECT_THROW(safe_relative_path("C:\\x.cpp"), DiscoveryError);
}

TEST(ExtractArchiveTest, SkipsAFileOverTheLimitAndSaysSo) {
  TempDir temp;
  write_zip(temp.path() / "a.zip", {{"small.cpp", "12345"}, {"big.bin", std::string(5000, 'x')}});
  ExtractLimits limits;
  limits.max_file_bytes = 1000;
  std::vector<std::string> warnings =
      extract_archive(temp.path() / "a.zip", temp.path() / "out", limits);
  EXPECT_EQ(file_names(temp.path() / "out"), std::vector<std::string>{"small.cpp"});
  EXPECT_EQ(warnings, std::vector<std::string>{"big.bin: skipped (larger than 1000 bytes)"});
}

TEST(ExtractArchiveTest, StopsPastTheTotalLimit) {
  TempDir temp;
  write_zip(temp.path() / "a.zip",
            {{"a.bin", std::string(800, 'x')}, {"b.bin", std::string(800, 'y')}});
  ExtractLimits limits;
  limits.max_total_bytes = 1000;
  EXPECT_THROW(extract_archive(temp.path() / "a.zip", temp.path() / "out", limits), DiscoveryError);
}

}  // namespace
}  // namespace discover

namespace discover {
namespace {

TEST(DiscoverTest, ListsFoldersInACanvasExportButNotItsOwn) {
  testing_files::TempDir temp;
  fs::path in = temp.path() / "export";
  testing_files::write_file(in / "doejane_48213_7712301_layers.cpp", "x");
  testing_files::write_file(in / "extra" / "notes.txt", "");
  testing_files::write_file(in / "out" / "summary.csv", "");
  Discovery discovery = find_submissions(in, in / ".staging", {in / "out"});
  EXPECT_EQ(discovery.unmatched_files, std::vector<std::string>{"extra/"});
  EXPECT_EQ(discovery.submissions.at(0).dir, in / ".staging" / "doejane_48213");
}

TEST(DiscoverTest, UnpacksAStudentsUploadedZipIntoTheirSubmission) {
  TempDir temp;
  const std::filesystem::path upload = temp.path() / "upload.zip";
  write_zip(upload, {{"__MACOSX/cw3/._layers.cpp", "junk"},
                     {"cw3/layers.cpp", "zipped layers"},
                     {"cw3/model.cpp", "zipped model"},
                     {"cw3/losses.cpp", "zipped losses"},
                     {"cw3/optimizer.cpp", "zipped optimizer"}});
  std::filesystem::create_directories(temp.path() / "in");
  std::filesystem::copy_file(upload, temp.path() / "in" / "doejane_48213_7712399_submission.zip");
  write_file(temp.path() / "in" / "doejane_48213_7712400_model.cpp", "model sent on its own");

  Discovery discovery = find_submissions(temp.path() / "in", temp.path() / "staging");
  const Submission& jane = find(discovery, "doejane_48213");
  EXPECT_EQ(read_file(jane.dir / "layers.cpp"), "zipped layers");
  EXPECT_EQ(read_file(jane.dir / "optimizer.cpp"), "zipped optimizer");
  EXPECT_EQ(read_file(jane.dir / "model.cpp"), "model sent on its own");
  EXPECT_NE(std::find(jane.notes.begin(), jane.notes.end(), "layers.cpp: from submission.zip"),
            jane.notes.end());
}

// Every name discovery reports, every note and warning, from a Canvas export whose names carry
// a screen clear and an OSC 8 link: in its own entries, and in an uploaded zip's.
const std::string kClear = "\x1b[2J";
const std::string kLink =
    "\x1b]8;;https:evil.example\x07"
    "CLICK-TO-REGRADE\x1b]8;;\x07";

bool holds_control(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7F;
  });
}

std::vector<std::string> every_text(const Discovery& discovery) {
  std::vector<std::string> texts = discovery.unmatched_files;
  texts.insert(texts.end(), discovery.warnings.begin(), discovery.warnings.end());
  for (const Submission& submission : discovery.submissions) {
    texts.push_back(submission.key);
    texts.push_back(submission.sortable_name);
    texts.insert(texts.end(), submission.notes.begin(), submission.notes.end());
  }
  return texts;
}

TEST(DiscoverTest, NamesFromACanvasExportReachTheGraderWithoutControlCharacters) {
  TempDir temp;
  const fs::path upload = temp.path() / "upload.zip";
  write_zip(upload, {{"/" + kClear + "root" + kLink + ".cpp", "absolute, so refused"}});
  write_zip(temp.path() / "export.zip",
            {{"doejane_48213_7712301_layers.cpp", "jane"},
             {kClear + "mallory" + kLink + "_48299_7712302_layers.cpp", "mallory"},
             {"mallory" + kLink + "_48299_7712303_work" + kClear + ".zip", read_file(upload)},
             {"notes" + kClear + kLink + ".txt", "stray"}});
  Discovery discovery = find_submissions(temp.path() / "export.zip", temp.path() / "staging");
  for (const std::string& text : every_text(discovery)) {
    EXPECT_FALSE(holds_control(text)) << text;
  }
  EXPECT_EQ(discovery.unmatched_files, std::vector<std::string>{"notesCLICK-TO-REGRADE.txt"});
  const Submission& mallory = find(discovery, "malloryCLICK-TO-REGRADE_48299");
  EXPECT_EQ(read_file(mallory.dir / "layers.cpp"), "mallory");
  bool refused_zip_noted = false;
  for (const std::string& note : mallory.notes) {
    refused_zip_noted =
        refused_zip_noted || note.find("rootCLICK-TO-REGRADE.cpp") != std::string::npos;
  }
  EXPECT_TRUE(refused_zip_noted) << "the note on the refused upload names its entry";
}

TEST(DiscoverTest, AFolderNameThatLosesItsControlCharactersStillNamesOneSubmission) {
  TempDir temp;
  write_file(temp.path() / "class" / "alice" / "layers.cpp", "the real alice");
  write_file(temp.path() / "class" / ("alice" + kClear) / "layers.cpp", "another");
  write_file(temp.path() / "class" / kClear / "layers.cpp", "no printable name");
  Discovery discovery = find_submissions(temp.path() / "class", temp.path() / "staging");
  ASSERT_EQ(discovery.submissions.size(), 3u);
  EXPECT_EQ(read_file(find(discovery, "alice").dir / "layers.cpp"), "the real alice");
  const Submission& other = find(discovery, "alice-2");
  EXPECT_EQ(read_file(other.dir / "layers.cpp"), "another");
  EXPECT_EQ(other.notes.back(), "its name holds control characters: graded as alice-2");
  EXPECT_EQ(read_file(find(discovery, "unprintable-name").dir / "layers.cpp"), "no printable name");
}

}  // namespace
}  // namespace discover

}  // namespace nn_grade
