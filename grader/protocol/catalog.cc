#include "protocol/catalog.h"

namespace catalog {

const std::vector<CheckInfo>& all() {
  static const std::vector<CheckInfo> checks = {
#define CHECK(id, symbol, component, title, defaults) \
  {id, component, title, nlohmann::json::parse(defaults)},
#include "protocol/checks.def"
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
