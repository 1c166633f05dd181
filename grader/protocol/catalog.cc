#include "protocol/catalog.h"

#include "protocol/checks_def.h"

namespace catalog {

const std::vector<CheckInfo>& all() {
  static const std::vector<CheckInfo> checks = {
#define CHECK(id, symbol, component, title, defaults) \
  {id, #symbol, component, title, nlohmann::json::parse(defaults)},
#include NN_CHECKS_DEF
#undef CHECK
  };
  return checks;
}

const CheckInfo* find(const std::string& id) {
  for (const CheckInfo& check : all()) {
    if (check.id == id) return &check;
  }
  return nullptr;
}

}  // namespace catalog
