// What one check gets: its id, the seed, and its parameters (the rubric's over the defaults).
// Every random input comes from rng(), so `--seed` reproduces a failure exactly.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include "harness/finite_difference.h"

namespace nn_grade::harness {

// The grader's fault (a parameter missing or of the wrong type): never charged to a student.
class GraderFault : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The environment variable whose text keys CheckContext::unseen_rng.
inline constexpr const char* kUnseenKeyVariable = "NN_GRADE_UNSEEN_KEY";

class CheckContext {
 public:
  // `unseen_seed` fixes unseen_rng() (for tests).
  CheckContext(std::string id, std::uint64_t seed, nlohmann::json params,
               std::optional<std::uint64_t> unseen_seed = std::nullopt);

  const std::string& id() const { return id_; }
  std::uint64_t seed() const { return seed_; }
  const nlohmann::json& params() const { return params_; }

  // A generator seeded by the seed, the check's id and `salt`: checks differ, runs repeat.
  std::mt19937_64 rng(std::uint64_t salt = 0) const;

  // The inputs of the k-th further probe of a wrong answer (diagnosis.h), k >= 1: a generator
  // of their own, apart from every rng(salt) a check draws its inputs from.
  std::mt19937_64 probe_rng(int k) const { return rng(0x9e3779b9u + static_cast<unsigned>(k)); }

  // For inputs the student's code must not be able to derive (train.spiral's evaluation points):
  // a generator seeded by a hash of the seed, the id and the key in the checker's
  // environment variable NN_GRADE_UNSEEN_KEY (any text; none when unset), nothing of which is
  // sent to the student server. The same seed and key draw the same, so a grade repeats.
  std::mt19937_64 unseen_rng() const;

  int integer(const char* key) const;
  double number(const char* key) const;
  std::string text(const char* key) const;
  std::vector<int> integers(const char* key) const;
  Tolerance tolerance() const;  // h, atol, rtol

 private:
  const nlohmann::json& at(const char* key) const;
  std::string id_;
  std::uint64_t seed_;
  nlohmann::json params_;
  std::optional<std::uint64_t> unseen_seed_;
};

// The batch of the k-th further probe: one sample for k = 1 (where 1 / batch is 1 and a mean
// changes nothing), `batch` for the others.
inline int probe_batch(int k, int batch) { return k == 1 ? 1 : batch; }

// Random inputs.
Eigen::MatrixXd uniform(std::mt19937_64& rng, Eigen::Index rows, Eigen::Index cols, double lo = -1,
                        double hi = 1);
Eigen::MatrixXd normal(std::mt19937_64& rng, Eigen::Index rows, Eigen::Index cols);
std::vector<int> labels(std::mt19937_64& rng, Eigen::Index count, int classes);

}  // namespace nn_grade::harness
