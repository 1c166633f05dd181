#include "protocol/catalog.h"

#include "protocol/checks_def.h"

namespace nn_grade::protocol {

const std::vector<CheckInfo>& all_checks() {
  static const std::vector<CheckInfo> checks = {
#define CHECK(id, symbol, component, title, defaults) \
  {id, #symbol, component, title, nlohmann::json::parse(defaults)},
#include NN_CHECKS_DEF
#undef CHECK
  };
  return checks;
}

const CheckInfo* find_check(const std::string& id) {
  for (const CheckInfo& check : all_checks()) {
    if (check.id == id) return &check;
  }
  return nullptr;
}

}  // namespace nn_grade::protocol
