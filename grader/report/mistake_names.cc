#include "report/mistake_names.h"

#include "protocol/mistakes.h"

namespace nn_grade::report {

std::string mistake_name(const std::string& code) {
  for (const protocol::mistakes::MistakeInfo& mistake : protocol::mistakes::kAll) {
    if (code == mistake.code) return mistake.name;
  }
  return code;
}

}  // namespace nn_grade::report
