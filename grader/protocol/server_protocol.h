// What passes between the checker (trusted: decides every verdict, runs no student code) and a
// submission's student server (the four files linked with grader/server/: answers calls, decides
// nothing). See docs/protocols.md.
//
// The server reads requests from kRequestFd and writes replies to kReplyFd, one reply per
// request, in order. A frame is a 32-bit length (host byte order: both ends are on one machine)
// and that many bytes. A request is an Op and its arguments; a reply is a ReplyStatus and, when
// kOk, the op's results. Matrices travel as rows, cols (int64) and rows * cols doubles in
// column-major order, Eigen's own layout.
//
// Everything the checker reads is bounded: a frame longer than kMaxReplyBytes, a matrix whose
// declared size exceeds what is left of its frame, a string longer than its frame, a count
// beyond the frame: each is a Reader error, never an allocation. What the server sends can only
// be numbers, shapes, kinds and an exception's text; the checker judges all of them.
//
// This header is compiled into the student server too: no fmt, no JSON, no exceptions of its own.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <Eigen/Dense>

namespace nn_grade::protocol {

constexpr int kRequestFd = 3;                          // in the server
constexpr int kReplyFd = 4;                            // in the server
constexpr std::uint32_t kMaxReplyBytes = 4u << 20;     // 4 MiB: 30 x the largest real reply
constexpr std::uint32_t kMaxRequestBytes = 64u << 20;  // the checker's own, as a sanity bound
constexpr std::uint32_t kMaxTextBytes = 2048;          // an exception's what(), as kept

// Each op's arguments -> results. H is a handle (uint32), M a matrix, I an int32, D a double.
enum class Op : std::uint8_t {
  kNewRng = 1,     // u32 seed -> H: a std::mt19937 for the constructors below
  kNewLinear,      // I in, I out, H rng -> H (kind kLinear)
  kNewReLU,        // -> H
  kNewSigmoid,     // -> H
  kNewMlp,         // ints sizes, u8 Activation (0 ReLU, 1 Sigmoid), H rng -> H
  kNewLoss,        // -> H: a CrossEntropyLoss
  kNewTensor,      // M value, M grad -> H: a parameter owned by the server
  kNewSgdTensors,  // handles tensors, D lr, u8 has_momentum, D momentum -> H
  kNewSgdMlp,      // H mlp, D lr, u8 has_momentum, D momentum -> H (calls MLP::parameters)
  kClone,          // H -> H: a copy (layers and losses)
  kForward,        // H layer or mlp, M -> M
  kBackward,       // H layer or mlp, M -> M
  kLossForward,    // H loss, M logits, ints labels -> D
  kLossBackward,   // H loss -> M
  kStep,           // H sgd ->
  kZeroGrad,       // H sgd ->
  kGet,            // H, u8 Field -> M
  kSet,            // H, u8 Field, M ->
  kLayers,         // H mlp -> u32 n, n x (u8 Kind, H): handles to the MLP's own layers
  kVelocities,     // H sgd -> u32 n, n x M
};

enum class ReplyStatus : std::uint8_t {
  kOk = 0,
  // The student's code threw: text type ("std::out_of_range", or "int (not a std::exception)"),
  // text what() ("" when it has none), text where in the student's files it was thrown
  // ("layers.cpp:26", or "").
  kThrew = 1,
  kTerminated = 2,  // std::terminate was called: as kThrew (all "" without an exception), then
                    // the server exits
  // The server could not act on the request (unknown handle, wrong kind, bad field): text. Not
  // the grader's fault as far as the checker can tell: the reference answers every request the
  // checker sends (tests/harness), so this comes from a submission that writes on fd 4 or
  // replaces the objects the checker holds. No reply means "the grader failed".
  kRefused = 3,
  // The student's code broke one of Eigen's preconditions (eigen_assert_throws.h): u8 problem
  // (nn_grade::server::EigenProblem), 4 x i64 numbers, text condition (Eigen's, or our operation),
  // text where in the student's files ("layers.cpp:26", or ""). The server lives on, as after
  // kThrew.
  kEigenAssertion = 4,
  // The student's code crashed (SIGSEGV, SIGFPE, SIGBUS, SIGILL, SIGABRT): text where in the
  // student's files ("layers.cpp:26", or ""), sent by a child of the crashed server
  // (grader/server/crash_report.h); the server then dies of its signal, and its end is the
  // verdict.
  kCrashed = 5,
  // Not a reply: a stand-in layer of the stand-in server (grader/server/standin_layers.cc) asks
  // the checker to carry out one of its methods, in the middle of a call: u8 Kind, u8 Pass, the
  // layer's LayerState, M argument. The checker answers on the request pipe with a LayerAnswer,
  // then waits for the call's reply again. Only a checker judging a check alone answers
  // (docs/architecture.md, "Stand-ins"); to any other this is a reply no call can return.
  kLayerCall = 6,
};

enum class Pass : std::uint8_t { kForward = 0, kBackward = 1 };

// A layer's public fields as a stand-in sends them and the checker sends them back: those of
// its class (Linear: W, b, grad_W, grad_b, cached_input; ReLU: cached_input; Sigmoid:
// cached_output), the others empty.
struct LayerState {
  Eigen::MatrixXd W, b, grad_W, grad_b, cached_input, cached_output;
};

// The checker's answer to a kLayerCall: kDone, then the layer's new LayerState and M result;
// kRefused, then text (what the student's code passed that no layer accepts, for the student).
enum class LayerAnswer : std::uint8_t { kDone = 0, kRefused = 1 };

enum class Kind : std::uint8_t {
  kNull = 0,  // a null pointer in MLP::layers
  kLinear = 1,
  kReLU = 2,
  kSigmoid = 3,
  kOtherLayer = 4,  // a class of the student's own, derived from nn::Layer
  kMlp = 5,
  kLoss = 6,
  kSgd = 7,
  kTensor = 8,
  kRng = 9,
};

enum class Field : std::uint8_t {
  kW = 1,
  kB,
  kGradW,
  kGradB,
  kCachedInput,   // Linear, ReLU
  kCachedOutput,  // Sigmoid
  kCachedGrad,    // CrossEntropyLoss
  kValue,         // a tensor's value
  kGrad,          // a tensor's gradient
};

// "Linear", "ReLU", ... as a student reads the class's name.
const char* kind_name(Kind kind);
// "W", "grad_W", "cached_input", ...
const char* field_name(Field field);

// Appends values to a frame's payload.
class Writer {
 public:
  void u8(std::uint8_t v) { bytes_.push_back(static_cast<char>(v)); }
  void u32(std::uint32_t v) { raw(&v, sizeof v); }
  void i32(std::int32_t v) { raw(&v, sizeof v); }
  void i64(std::int64_t v) { raw(&v, sizeof v); }
  void f64(double v) { raw(&v, sizeof v); }
  void text(const std::string& s);  // truncated to kMaxTextBytes
  void ints(const std::vector<int>& v);
  void matrix(const Eigen::MatrixXd& m);
  const std::string& bytes() const { return bytes_; }

 private:
  void raw(const void* p, std::size_t n) { bytes_.append(static_cast<const char*>(p), n); }
  std::string bytes_;
};

// Reads values from one frame's payload. Every read checks what is left first: after the first
// failure ok() is false and every later read returns a zero value.
class Reader {
 public:
  explicit Reader(std::string bytes) : bytes_(std::move(bytes)) {}
  std::uint8_t u8();
  std::uint32_t u32();
  std::int32_t i32();
  std::int64_t i64();
  double f64();
  std::string text();
  std::vector<int> ints();
  Eigen::MatrixXd matrix();
  bool ok() const { return ok_; }
  bool at_end() const { return at_ == bytes_.size(); }
  std::size_t left() const { return bytes_.size() - at_; }

 private:
  bool take(void* out, std::size_t n);
  std::string bytes_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

// A LayerState's six matrices, in its order. Reading one is bounded like every read.
void write_layer_state(Writer& w, const LayerState& state);
LayerState read_layer_state(Reader& r);

// Blocking frame I/O for the server's side (the checker reads with deadlines: student_server.h).
// False on EOF or error.
bool write_frame(int fd, const std::string& payload);
bool read_frame(int fd, std::uint32_t max_bytes, std::string* payload);

}  // namespace nn_grade::protocol
