// The reference learns a seeded 3-class spiral: the loss falls and the accuracy passes 0.9.
#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "losses.h"
#include "model.h"
#include "optimizer.h"

namespace nn_grade {

namespace {

using nn::Matrix;

struct Dataset {
  Matrix X;
  std::vector<int> labels;
};

// CS231n's spiral: each class an arm of points whose angle grows with the radius, plus noise.
Dataset spiral(int points_per_class, int classes, std::mt19937& rng) {
  std::normal_distribution<double> noise(0.0, 0.2);
  Dataset data{Matrix(points_per_class * classes, 2), {}};
  for (int c = 0; c < classes; ++c) {
    for (int i = 0; i < points_per_class; ++i) {
      const double t = static_cast<double>(i) / (points_per_class - 1);
      const double angle = 4.0 * (c + t) + noise(rng);
      data.X.row(c * points_per_class + i) << t * std::sin(angle), t * std::cos(angle);
      data.labels.push_back(c);
    }
  }
  return data;
}

double accuracy(const Matrix& logits, const std::vector<int>& labels) {
  int right = 0;
  for (Eigen::Index i = 0; i < logits.rows(); ++i) {
    Eigen::Index predicted;
    logits.row(i).maxCoeff(&predicted);
    right += predicted == labels[i];
  }
  return static_cast<double>(right) / logits.rows();
}

TEST(TrainingTest, AnMLPLearnsASeededThreeClassSpiral) {
  std::mt19937 rng(41);
  Dataset data = spiral(100, 3, rng);
  nn::MLP mlp({2, 64, 3}, nn::Activation::ReLU, rng);
  nn::CrossEntropyLoss loss;
  nn::SGD sgd(mlp.parameters(), 0.5, 0.9);

  const double first_loss = loss.forward(mlp.forward(data.X), data.labels);
  double last_loss = first_loss;
  for (int epoch = 0; epoch < 300; ++epoch) {
    sgd.zero_grad();
    last_loss = loss.forward(mlp.forward(data.X), data.labels);
    mlp.backward(loss.backward());
    sgd.step();
  }
  EXPECT_LT(last_loss, 0.5 * first_loss);
  EXPECT_GT(accuracy(mlp.forward(data.X), data.labels), 0.9);
}

}  // namespace

}  // namespace nn_grade
