#include "protocol/server_protocol.h"

#include <unistd.h>

#include <cerrno>

namespace nn_grade::protocol {

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::kNull:
      return "(null)";
    case Kind::kLinear:
      return "Linear";
    case Kind::kReLU:
      return "ReLU";
    case Kind::kSigmoid:
      return "Sigmoid";
    case Kind::kOtherLayer:
      return "Layer";
    case Kind::kMlp:
      return "MLP";
    case Kind::kLoss:
      return "CrossEntropyLoss";
    case Kind::kSgd:
      return "SGD";
    case Kind::kTensor:
      return "Parameter";
    case Kind::kRng:
      return "std::mt19937";
  }
  return "?";
}

const char* field_name(Field field) {
  switch (field) {
    case Field::kW:
      return "W";
    case Field::kB:
      return "b";
    case Field::kGradW:
      return "grad_W";
    case Field::kGradB:
      return "grad_b";
    case Field::kCachedInput:
      return "cached_input";
    case Field::kCachedOutput:
      return "cached_output";
    case Field::kCachedGrad:
      return "cached_grad";
    case Field::kValue:
      return "value";
    case Field::kGrad:
      return "grad";
  }
  return "?";
}

void Writer::text(const std::string& s) {
  const std::uint32_t n =
      static_cast<std::uint32_t>(std::min<std::size_t>(s.size(), kMaxTextBytes));
  u32(n);
  raw(s.data(), n);
}

void Writer::ints(const std::vector<int>& v) {
  u32(static_cast<std::uint32_t>(v.size()));
  for (int x : v) i32(x);
}

void Writer::matrix(const Eigen::MatrixXd& m) {
  const std::int64_t rows = m.rows(), cols = m.cols();
  raw(&rows, sizeof rows);
  raw(&cols, sizeof cols);
  raw(m.data(), sizeof(double) * static_cast<std::size_t>(m.size()));
}

bool Reader::take(void* out, std::size_t n) {
  if (!ok_ || n > left()) {
    ok_ = false;
    std::memset(out, 0, n);
    return false;
  }
  std::memcpy(out, bytes_.data() + at_, n);
  at_ += n;
  return true;
}

std::uint8_t Reader::u8() {
  std::uint8_t v;
  take(&v, sizeof v);
  return v;
}

std::uint32_t Reader::u32() {
  std::uint32_t v;
  take(&v, sizeof v);
  return v;
}

std::int32_t Reader::i32() {
  std::int32_t v;
  take(&v, sizeof v);
  return v;
}

std::int64_t Reader::i64() {
  std::int64_t v;
  take(&v, sizeof v);
  return v;
}

double Reader::f64() {
  double v;
  take(&v, sizeof v);
  return v;
}

std::string Reader::text() {
  const std::uint32_t n = u32();
  if (!ok_ || n > left() || n > kMaxTextBytes) {
    ok_ = false;
    return "";
  }
  std::string s = bytes_.substr(at_, n);
  at_ += n;
  return s;
}

std::vector<int> Reader::ints() {
  const std::uint32_t n = u32();
  if (!ok_ || n > left() / sizeof(std::int32_t)) {
    ok_ = false;
    return {};
  }
  std::vector<int> v(n);
  for (int& x : v) x = i32();
  return v;
}

Eigen::MatrixXd Reader::matrix() {
  std::int64_t rows = 0, cols = 0;
  take(&rows, sizeof rows);
  take(&cols, sizeof cols);
  // Both non-negative, each no larger than a reply could fill (an empty 0 x 2^62 matrix would
  // make a loop over its columns endless), and their product (without overflow) within what is
  // left.
  const std::size_t doubles = left() / sizeof(double);
  constexpr std::int64_t kMostPerSide = kMaxReplyBytes / sizeof(double);
  if (!ok_ || rows < 0 || cols < 0 || rows > kMostPerSide || cols > kMostPerSide ||
      (cols > 0 && static_cast<std::uint64_t>(rows) > doubles / static_cast<std::uint64_t>(cols))) {
    ok_ = false;
    return {};
  }
  Eigen::MatrixXd m(rows, cols);
  take(m.data(), sizeof(double) * static_cast<std::size_t>(m.size()));
  return m;
}

void write_layer_state(Writer& w, const LayerState& state) {
  for (const Eigen::MatrixXd* m : {&state.W, &state.b, &state.grad_W, &state.grad_b,
                                   &state.cached_input, &state.cached_output}) {
    w.matrix(*m);
  }
}

LayerState read_layer_state(Reader& r) {
  LayerState state;
  for (Eigen::MatrixXd* m : {&state.W, &state.b, &state.grad_W, &state.grad_b, &state.cached_input,
                             &state.cached_output}) {
    *m = r.matrix();
  }
  return state;
}

namespace {

bool write_all(int fd, const char* p, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

bool read_all(int fd, char* p, std::size_t n) {
  while (n > 0) {
    const ssize_t r = ::read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= static_cast<std::size_t>(r);
  }
  return true;
}

}  // namespace

bool write_frame(int fd, const std::string& payload) {
  const std::uint32_t n = static_cast<std::uint32_t>(payload.size());
  std::string frame(reinterpret_cast<const char*>(&n), sizeof n);
  frame += payload;
  return write_all(fd, frame.data(), frame.size());
}

bool read_frame(int fd, std::uint32_t max_bytes, std::string* payload) {
  std::uint32_t n = 0;
  if (!read_all(fd, reinterpret_cast<char*>(&n), sizeof n) || n > max_bytes) return false;
  payload->assign(n, '\0');
  return read_all(fd, payload->data(), n);
}

}  // namespace nn_grade::protocol
