#include "report/mistake_names.h"

#include "protocol/mistakes.h"

namespace report {

std::string mistake_name(const std::string& code) {
  for (const mistakes::MistakeInfo& mistake : mistakes::kAll) {
    if (code == mistake.code) return mistake.name;
  }
  return code;
}

}  // namespace report
