// nn-student-rubric IN.yaml OUT.yaml: the student kit's copy of a rubric. The checks students do
// not see before grades are out are left out and counted under `withheld`, so that the kit
// names no hidden check and says nothing of its parameters, while `grade --local` and
// `--list-checks` still say how many points are graded later (docs/student-kit.md).
#include <fstream>
#include <iostream>

#include <yaml-cpp/yaml.h>

#include "score/rubric.h"

namespace nn_grade::score {

int program_main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: nn-student-rubric IN.yaml OUT.yaml\n";
    return 2;
  }
  try {
    const score::Rubric rubric = score::load_rubric(argv[1]);  // valid, or say why
    YAML::Node root = YAML::LoadFile(argv[1]);
    YAML::Node shown(YAML::NodeType::Sequence);
    const YAML::Node checks = root["checks"];
    for (std::size_t i = 0; i < checks.size(); ++i) {  // load_rubric keeps the file's order
      if (protocol::visible_to_student(rubric.checks.at(i).visibility)) shown.push_back(checks[i]);
    }
    root["checks"] = shown;
    const score::Withheld unseen = rubric.unseen();
    root.remove("withheld");
    if (unseen.checks > 0) {
      YAML::Node withheld(YAML::NodeType::Map);
      withheld["checks"] = unseen.checks;
      withheld["points"] = unseen.points;
      withheld.SetStyle(YAML::EmitterStyle::Flow);
      root["withheld"] = withheld;
    }
    YAML::Emitter text;
    text << root;
    std::ofstream out(argv[2], std::ios::trunc);
    out << "# The student kit's copy of " << rubric.name << "'s rubric, written by "
        << "nn-student-rubric:\n# the checks graded after the deadline are counted under "
        << "`withheld`, not listed.\n"
        << text.c_str() << "\n";
    if (!out.flush()) {
      std::cerr << "nn-student-rubric: cannot write " << argv[2] << "\n";
      return 2;
    }
  } catch (const std::exception& error) {
    std::cerr << "nn-student-rubric: " << error.what() << "\n";
    return 2;
  }
  return 0;
}

}  // namespace nn_grade::score

int main(int argc, char** argv) { return nn_grade::score::program_main(argc, argv); }
