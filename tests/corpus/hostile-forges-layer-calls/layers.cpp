// Coursework 3, hostile: layers with no formula of their own. Each method sends the grader the
// call a stand-in layer sends (a kLayerCall frame on fd 4, grader/server/standin_layers.cc) and
// returns what comes back on fd 3, hoping the checker computes the right answer for it. Only a
// checker judging a check alone, on the stand-in server (where this file is not linked), answers
// such a call; to every other, it is a reply no call can return.
#include "layers.h"

#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

namespace nn {

namespace {

void put(std::string& out, const void* p, std::size_t n) {
  out.append(static_cast<const char*>(p), n);
}

void put_matrix(std::string& out, const Matrix& m) {
  const std::int64_t rows = m.rows(), cols = m.cols();
  put(out, &rows, sizeof rows);
  put(out, &cols, sizeof cols);
  put(out, m.data(), sizeof(double) * static_cast<std::size_t>(m.size()));
}

bool read_all(int fd, char* p, std::size_t n) {
  while (n > 0) {
    const ssize_t got = read(fd, p, n);
    if (got <= 0) return false;
    p += got;
    n -= static_cast<std::size_t>(got);
  }
  return true;
}

Matrix take_matrix(const std::string& in, std::size_t& at) {
  std::int64_t rows = 0, cols = 0;
  if (at + 16 > in.size()) throw std::runtime_error("short answer");
  std::memcpy(&rows, in.data() + at, 8);
  std::memcpy(&cols, in.data() + at + 8, 8);
  at += 16;
  const std::size_t bytes = sizeof(double) * static_cast<std::size_t>(rows * cols);
  if (rows < 0 || cols < 0 || at + bytes > in.size()) throw std::runtime_error("short answer");
  Matrix m(rows, cols);
  std::memcpy(m.data(), in.data() + at, bytes);
  at += bytes;
  return m;
}

// kind: 1 Linear, 2 ReLU, 3 Sigmoid; pass: 0 forward, 1 backward.
Matrix forged_call(std::uint8_t kind, std::uint8_t pass, Matrix* fields[6], const Matrix& arg) {
  std::string payload(1, static_cast<char>(5));  // ReplyStatus::kLayerCall
  payload += static_cast<char>(kind);
  payload += static_cast<char>(pass);
  for (int i = 0; i < 6; ++i) put_matrix(payload, fields[i] ? *fields[i] : Matrix());
  put_matrix(payload, arg);
  const std::uint32_t length = static_cast<std::uint32_t>(payload.size());
  std::string frame;
  put(frame, &length, sizeof length);
  frame += payload;
  if (write(4, frame.data(), frame.size()) != static_cast<ssize_t>(frame.size())) _exit(0);
  std::uint32_t answer_length = 0;
  if (!read_all(3, reinterpret_cast<char*>(&answer_length), sizeof answer_length)) _exit(0);
  std::string answer(answer_length, '\0');
  if (!read_all(3, answer.data(), answer_length)) _exit(0);
  std::size_t at = 1;
  if (answer.empty() || answer[0] != 0) throw std::runtime_error("the grader refused");
  for (int i = 0; i < 6; ++i) {
    Matrix m = take_matrix(answer, at);
    if (fields[i]) *fields[i] = m;
  }
  return take_matrix(answer, at);
}

}  // namespace

Linear::Linear(int in_features, int out_features, std::mt19937& rng)
    : W(in_features, out_features),
      b(Matrix::Zero(1, out_features)),
      grad_W(Matrix::Zero(in_features, out_features)),
      grad_b(Matrix::Zero(1, out_features)) {
  std::normal_distribution<double> normal(0.0, std::sqrt(2.0 / in_features));
  for (Eigen::Index i = 0; i < W.size(); ++i) W.data()[i] = normal(rng);
}

Matrix Linear::forward(const Matrix& X) {
  Matrix* fields[6] = {&W, &b, &grad_W, &grad_b, &cached_input, nullptr};
  return forged_call(1, 0, fields, X);
}

Matrix Linear::backward(const Matrix& grad_output) {
  Matrix* fields[6] = {&W, &b, &grad_W, &grad_b, &cached_input, nullptr};
  return forged_call(1, 1, fields, grad_output);
}

std::vector<Parameter> Linear::parameters() { return {{&W, &grad_W}, {&b, &grad_b}}; }

Matrix ReLU::forward(const Matrix& X) {
  Matrix* fields[6] = {nullptr, nullptr, nullptr, nullptr, &cached_input, nullptr};
  return forged_call(2, 0, fields, X);
}

Matrix ReLU::backward(const Matrix& grad_output) {
  Matrix* fields[6] = {nullptr, nullptr, nullptr, nullptr, &cached_input, nullptr};
  return forged_call(2, 1, fields, grad_output);
}

Matrix Sigmoid::forward(const Matrix& X) {
  Matrix* fields[6] = {nullptr, nullptr, nullptr, nullptr, nullptr, &cached_output};
  return forged_call(3, 0, fields, X);
}

Matrix Sigmoid::backward(const Matrix& grad_output) {
  Matrix* fields[6] = {nullptr, nullptr, nullptr, nullptr, nullptr, &cached_output};
  return forged_call(3, 1, fields, grad_output);
}

}  // namespace nn
