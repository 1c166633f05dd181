#include "student_calls.h"

#include <cxxabi.h>

#include <cstdlib>
#include <typeinfo>

#include <fmt/format.h>

namespace harness {

namespace {

const char* current_call = nullptr;

std::string demangle(const char* name) {
  int status = 0;
  char* readable = abi::__cxa_demangle(name, nullptr, nullptr, &status);
  std::string out = status == 0 && readable ? readable : name;
  std::free(readable);
  return out;
}

// Runs `body` as the student's function `name`; any exception becomes StudentThrew.
template <typename Body>
auto call(const char* name, Body&& body) -> decltype(body()) {
  const char* outer = current_call;
  current_call = name;
  try {
    if constexpr (std::is_void_v<decltype(body())>) {
      body();
      current_call = outer;
    } else {
      auto result = body();
      current_call = outer;
      return result;
    }
  } catch (const StudentThrew&) {
    current_call = outer;
    throw;
  } catch (...) {
    current_call = outer;
    throw StudentThrew(fmt::format("{} threw {}", name, describe_current_exception()));
  }
}

const char* method_name(const nn::Layer& layer, bool is_forward) {
  if (dynamic_cast<const nn::Linear*>(&layer))
    return is_forward ? "Linear::forward" : "Linear::backward";
  if (dynamic_cast<const nn::ReLU*>(&layer)) return is_forward ? "ReLU::forward" : "ReLU::backward";
  if (dynamic_cast<const nn::Sigmoid*>(&layer)) {
    return is_forward ? "Sigmoid::forward" : "Sigmoid::backward";
  }
  return is_forward ? "Layer::forward" : "Layer::backward";
}

}  // namespace

const char* current_student_call() { return current_call; }

std::string describe_current_exception() {
  try {
    throw;
  } catch (const std::exception& e) {
    return fmt::format("{}: {}", demangle(typeid(e).name()), e.what());
  } catch (...) {
    const std::type_info* type = abi::__cxa_current_exception_type();
    return fmt::format("an exception of type {} (not a std::exception)",
                       type ? demangle(type->name()) : "unknown");
  }
}

std::string layer_name(const nn::Layer& layer) {
  if (dynamic_cast<const nn::Linear*>(&layer)) return "Linear";
  if (dynamic_cast<const nn::ReLU*>(&layer)) return "ReLU";
  if (dynamic_cast<const nn::Sigmoid*>(&layer)) return "Sigmoid";
  return "Layer";
}

nn::Linear make_linear(int in, int out, std::mt19937& rng) {
  return call("Linear::Linear", [&] { return nn::Linear(in, out, rng); });
}

nn::Matrix forward(nn::Layer& layer, const nn::Matrix& X) {
  return call(method_name(layer, true), [&] { return layer.forward(X); });
}

nn::Matrix backward(nn::Layer& layer, const nn::Matrix& grad_output) {
  return call(method_name(layer, false), [&] { return layer.backward(grad_output); });
}

std::unique_ptr<nn::MLP> make_mlp(const std::vector<int>& sizes, nn::Activation activation,
                                  std::mt19937& rng) {
  return call("MLP::MLP", [&] { return std::make_unique<nn::MLP>(sizes, activation, rng); });
}

nn::Matrix forward(nn::MLP& mlp, const nn::Matrix& X) {
  return call("MLP::forward", [&] { return mlp.forward(X); });
}

nn::Matrix backward(nn::MLP& mlp, const nn::Matrix& grad_output) {
  return call("MLP::backward", [&] { return mlp.backward(grad_output); });
}

std::vector<nn::Parameter> parameters(nn::MLP& mlp) {
  return call("MLP::parameters", [&] { return mlp.parameters(); });
}

double forward(nn::CrossEntropyLoss& loss, const nn::Matrix& logits,
               const std::vector<int>& labels) {
  return call("CrossEntropyLoss::forward", [&] { return loss.forward(logits, labels); });
}

nn::Matrix backward(nn::CrossEntropyLoss& loss) {
  return call("CrossEntropyLoss::backward", [&] { return loss.backward(); });
}

std::unique_ptr<nn::SGD> make_sgd(std::vector<nn::Parameter> params, double lr, double momentum) {
  return call("SGD::SGD", [&] { return std::make_unique<nn::SGD>(params, lr, momentum); });
}

std::unique_ptr<nn::SGD> make_sgd(std::vector<nn::Parameter> params, double lr) {
  return call("SGD::SGD", [&] { return std::make_unique<nn::SGD>(params, lr); });
}

void step(nn::SGD& sgd) {
  call("SGD::step", [&] { sgd.step(); });
}

void zero_grad(nn::SGD& sgd) {
  call("SGD::zero_grad", [&] { sgd.zero_grad(); });
}

}  // namespace harness
