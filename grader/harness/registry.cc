#include "harness/registry.h"

#include <utility>

#include "protocol/checks_def.h"

namespace nn_grade::harness {

CheckFunction find_check(const std::string& id) {
  static const std::pair<const char*, CheckFunction> table[] = {
#define CHECK(id, symbol, ...) {id, &symbol},
#include NN_CHECKS_DEF
#undef CHECK
  };
  for (const auto& [name, function] : table) {
    if (id == name) return function;
  }
  return nullptr;
}

}  // namespace nn_grade::harness
