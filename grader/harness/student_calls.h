// Every call into a submission goes through here, so that an exception names the function
// that threw ("Linear::backward threw std::logic_error: ...") and std::terminate can say
// where the program was. Only the coursework headers are used.
#pragma once

#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "layers.h"
#include "losses.h"
#include "model.h"
#include "optimizer.h"

namespace harness {

// A submission's function threw; what() is the sentence the student reads.
class StudentThrew : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The student function running now ("Linear::backward"), or nullptr: for std::terminate.
const char* current_student_call();

// "std::logic_error: <what>" for the exception being handled.
std::string describe_current_exception();

// The layer's class as a student calls it: "Linear", "ReLU", "Sigmoid", or "Layer".
std::string layer_name(const nn::Layer& layer);

nn::Linear make_linear(int in, int out, std::mt19937& rng);
nn::Matrix forward(nn::Layer& layer, const nn::Matrix& X);
nn::Matrix backward(nn::Layer& layer, const nn::Matrix& grad_output);

std::unique_ptr<nn::MLP> make_mlp(const std::vector<int>& sizes, nn::Activation activation,
                                  std::mt19937& rng);
nn::Matrix forward(nn::MLP& mlp, const nn::Matrix& X);
nn::Matrix backward(nn::MLP& mlp, const nn::Matrix& grad_output);
std::vector<nn::Parameter> parameters(nn::MLP& mlp);

double forward(nn::CrossEntropyLoss& loss, const nn::Matrix& logits,
               const std::vector<int>& labels);
nn::Matrix backward(nn::CrossEntropyLoss& loss);

std::unique_ptr<nn::SGD> make_sgd(std::vector<nn::Parameter> params, double lr, double momentum);
std::unique_ptr<nn::SGD> make_sgd(std::vector<nn::Parameter> params,
                                  double lr);  // default momentum
void step(nn::SGD& sgd);
void zero_grad(nn::SGD& sgd);

}  // namespace harness
