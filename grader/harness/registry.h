// Binds every entry of checks.def to its function: the X-macro declares one function per
// check (`symbol` in checks.def), defined in checks_<component>.cc.
#pragma once

#include <string>

#include "harness/check_context.h"
#include "protocol/checker_protocol.h"

namespace nn_grade::harness {

using CheckFunction = protocol::CheckReport (*)(const CheckContext&);

#define CHECK(id, symbol, ...) protocol::CheckReport symbol(const CheckContext& context);
#include "protocol/checks.def"
#undef CHECK

// The function of check `id`, or nullptr.
CheckFunction find_check(const std::string& id);

}  // namespace nn_grade::harness
