// Coursework 3: the layers. The one copy of this header: the reference, the student template
// and the grader all compile against it. Rows are examples, columns are features.
#pragma once

#include <Eigen/Dense>
#include <random>
#include <vector>

namespace nn {
using Matrix = Eigen::MatrixXd;

// A trainable tensor and the gradient that backward() accumulates into it.
struct Parameter {
  Matrix* value;
  Matrix* grad;
};

class Layer {
 public:
  virtual ~Layer() = default;
  virtual Matrix forward(const Matrix& X) = 0;             // X: (batch, in)
  virtual Matrix backward(const Matrix& grad_output) = 0;  // returns dL/dX, same shape as X
  virtual std::vector<Parameter> parameters() { return {}; }
};

class Linear : public Layer {  // z = X W + b
 public:
  Linear(int in_features, int out_features, std::mt19937& rng);  // given in the template
  Matrix forward(const Matrix& X) override;                       // caches X in cached_input
  Matrix backward(const Matrix& grad_output) override;  // grad_W += ..., grad_b += ..., returns dL/dX
  std::vector<Parameter> parameters() override;         // {&W, &grad_W}, {&b, &grad_b}; given
  Matrix W;                                             // (in, out)
  Matrix b;                                             // (1, out)
  Matrix grad_W;                                        // (in, out), zero after construction
  Matrix grad_b;                                        // (1, out), zero after construction
  Matrix cached_input;                                  // the X of the last forward
};

class ReLU : public Layer {  // max(0, X); gradient is zero where the input <= 0
 public:
  Matrix forward(const Matrix& X) override;  // caches X in cached_input
  Matrix backward(const Matrix& grad_output) override;
  Matrix cached_input;
};

class Sigmoid : public Layer {  // 1 / (1 + exp(-X))
 public:
  Matrix forward(const Matrix& X) override;             // caches sigma(X) in cached_output
  Matrix backward(const Matrix& grad_output) override;  // grad_output * s * (1 - s)
  Matrix cached_output;
};
}  // namespace nn
