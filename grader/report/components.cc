#include "report/components.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace nn_grade::report {

std::string component_title(const std::string& component) {
  static const std::map<std::string, std::string> kTitles = {
      {"linear", "Linear"}, {"relu", "ReLU"}, {"sigmoid", "Sigmoid"}, {"ce", "Cross-entropy"},
      {"mlp", "MLP"},       {"sgd", "SGD"},   {"train", "Training"}};
  const auto found = kTitles.find(component);
  return found != kTitles.end() ? found->second : component;
}

std::vector<ComponentGroup> group_by_component(
    const std::vector<protocol::CheckResult>& checks,
    const std::function<bool(const protocol::CheckResult&)>& keep) {
  std::vector<ComponentGroup> groups;
  for (const protocol::CheckResult& check : checks) {
    if (!keep(check)) continue;
    auto group = std::find_if(groups.begin(), groups.end(), [&](const ComponentGroup& g) {
      return g.component == check.component;
    });
    if (group == groups.end()) {
      groups.push_back({check.component, component_title(check.component), {}, 0.0, 0.0});
      group = groups.end() - 1;
    }
    group->checks.push_back(&check);
    group->score += check.score;
    group->max_score += check.max_score;
  }
  return groups;
}

}  // namespace nn_grade::report
