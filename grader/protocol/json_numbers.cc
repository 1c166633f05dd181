#include "protocol/json_numbers.h"

#include <cmath>
#include <limits>

namespace nn_grade::protocol {

namespace {

// Applies `f` to every value that is not an object or an array, in place.
template <typename F>
void for_each_leaf(nlohmann::json& j, const F& f) {
  if (j.is_structured()) {
    for (auto& item : j) for_each_leaf(item, f);
  } else {
    f(j);
  }
}

}  // namespace

nlohmann::json number_json(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return x;
}

bool read_number(const nlohmann::json& j, double* x) {
  if (j.is_number()) {
    *x = j.get<double>();
    return true;
  }
  if (j.is_null()) {  // result.json before the strings: nlohmann wrote null
    *x = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (!j.is_string()) return false;
  const std::string& text = j.get_ref<const std::string&>();
  if (text == "nan") {
    *x = std::numeric_limits<double>::quiet_NaN();
  } else if (text == "inf") {
    *x = std::numeric_limits<double>::infinity();
  } else if (text == "-inf") {
    *x = -std::numeric_limits<double>::infinity();
  } else {
    return false;
  }
  return true;
}

nlohmann::json non_finite_as_text(nlohmann::json j) {
  for_each_leaf(j, [](nlohmann::json& leaf) {
    if (leaf.is_number_float() && !std::isfinite(leaf.get<double>())) {
      leaf = number_json(leaf.get<double>());
    }
  });
  return j;
}

nlohmann::json non_finite_from_text(nlohmann::json j) {
  for_each_leaf(j, [](nlohmann::json& leaf) {
    double x = 0;
    if (leaf.is_string() && read_number(leaf, &x)) leaf = x;
  });
  return j;
}

}  // namespace nn_grade::protocol
