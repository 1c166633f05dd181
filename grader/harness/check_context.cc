#include "harness/check_context.h"

#include <cstdlib>

#include <fmt/format.h>

namespace nn_grade::harness {

namespace {

std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

}  // namespace

CheckContext::CheckContext(std::string id, std::uint64_t seed, nlohmann::json params,
                           std::optional<std::uint64_t> unseen_seed)
    : id_(std::move(id)), seed_(seed), params_(std::move(params)), unseen_seed_(unseen_seed) {}

std::mt19937_64 CheckContext::unseen_rng() const {
  if (unseen_seed_) return std::mt19937_64(*unseen_seed_);
  const char* key = std::getenv(kUnseenKeyVariable);
  const std::uint64_t mixed = fnv1a(fmt::format("unseen/{}/{}/{}", seed_, id_, key ? key : ""));
  std::seed_seq sequence{static_cast<std::uint32_t>(mixed), static_cast<std::uint32_t>(mixed >> 32),
                         static_cast<std::uint32_t>(fnv1a(key ? key : "")), 0x5eedu};
  return std::mt19937_64(sequence);
}

std::mt19937_64 CheckContext::rng(std::uint64_t salt) const {
  const std::uint64_t mixed = fnv1a(id_) ^ salt;
  std::seed_seq sequence{static_cast<std::uint32_t>(seed_), static_cast<std::uint32_t>(seed_ >> 32),
                         static_cast<std::uint32_t>(mixed),
                         static_cast<std::uint32_t>(mixed >> 32)};
  return std::mt19937_64(sequence);
}

const nlohmann::json& CheckContext::at(const char* key) const {
  if (!params_.contains(key)) {
    throw GraderFault(fmt::format("check {}: parameter '{}' is missing", id_, key));
  }
  return params_.at(key);
}

int CheckContext::integer(const char* key) const {
  const nlohmann::json& value = at(key);
  if (!value.is_number_integer() || value.get<long long>() <= 0 ||
      value.get<long long>() > 100000) {
    throw GraderFault(fmt::format("check {}: parameter '{}' must be a positive integer, not {}",
                                  id_, key, value.dump()));
  }
  return value.get<int>();
}

double CheckContext::number(const char* key) const {
  const nlohmann::json& value = at(key);
  if (!value.is_number()) {
    throw GraderFault(
        fmt::format("check {}: parameter '{}' must be a number, not {}", id_, key, value.dump()));
  }
  return value.get<double>();
}

std::string CheckContext::text(const char* key) const {
  const nlohmann::json& value = at(key);
  if (!value.is_string()) {
    throw GraderFault(
        fmt::format("check {}: parameter '{}' must be a string, not {}", id_, key, value.dump()));
  }
  return value.get<std::string>();
}

std::vector<int> CheckContext::integers(const char* key) const {
  const nlohmann::json& value = at(key);
  std::vector<int> out;
  bool ok = value.is_array();
  for (const auto& item : value) {
    ok = ok && item.is_number_integer() && item.get<long long>() > 0 &&
         item.get<long long>() <= 100000;
    if (ok) out.push_back(item.get<int>());
  }
  if (!ok) {
    throw GraderFault(
        fmt::format("check {}: parameter '{}' must be a list of positive integers, "
                    "not {}",
                    id_, key, value.dump()));
  }
  return out;
}

Tolerance CheckContext::tolerance() const { return {number("h"), number("atol"), number("rtol")}; }

Eigen::MatrixXd uniform(std::mt19937_64& rng, Eigen::Index rows, Eigen::Index cols, double lo,
                        double hi) {
  std::uniform_real_distribution<double> dist(lo, hi);
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = dist(rng);
  return m;
}

Eigen::MatrixXd normal(std::mt19937_64& rng, Eigen::Index rows, Eigen::Index cols) {
  std::normal_distribution<double> dist(0.0, 1.0);
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = dist(rng);
  return m;
}

std::vector<int> labels(std::mt19937_64& rng, Eigen::Index count, int classes) {
  std::uniform_int_distribution<int> dist(0, classes - 1);
  std::vector<int> out(static_cast<size_t>(count));
  for (int& label : out) label = dist(rng);
  return out;
}

}  // namespace nn_grade::harness
