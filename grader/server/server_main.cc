// The student server: a submission's four files linked with this loop. It reads one request at
// a time from protocol::kRequestFd, calls the student's code, and writes one reply to
// protocol::kReplyFd (server_protocol.h). It decides nothing: the checker, another process,
// judges every number it sends. Whatever the student's code does here (print, exit, crash,
// forge replies) can only change the numbers, and the checker treats a malformed or late reply
// as the student's.
#include <cxxabi.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <typeinfo>
#include <vector>

#include "protocol/server_protocol.h"
#include "server/crash_report.h"
#include "server/object_table.h"
#include "server/student_location.h"
#include "server/throw_site.h"

namespace nn_grade::server {

namespace {

using protocol::Field;
using protocol::Kind;
using protocol::Op;
using protocol::ReplyStatus;
using server::Entry;

// A request the checker should never send: a bug on our side, reported as such.
struct BadRequest {
  const char* why;
};

std::string demangle(const char* name) {
  int status = 0;
  char* readable = abi::__cxa_demangle(name, nullptr, nullptr, &status);
  std::string out = status == 0 && readable ? readable : name;
  std::free(readable);
  return out;
}

// The exception being handled: its type ("std::out_of_range", or "int (not a std::exception)")
// and its what() ("" when it has none).
struct Thrown {
  std::string type, what;
};

Thrown current_exception() {
  try {
    throw;
  } catch (const std::exception& e) {
    return {demangle(typeid(e).name()), e.what()};
  } catch (...) {
    const std::type_info* type = abi::__cxa_current_exception_type();
    return {(type ? demangle(type->name()) : std::string("unknown")) + " (not a std::exception)",
            ""};
  }
}

void flush_student_output() {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
}

void reply(ReplyStatus status, const protocol::Writer& results) {
  flush_student_output();
  std::string payload(1, static_cast<char>(status));
  payload += results.bytes();
  if (!protocol::write_frame(protocol::kReplyFd, payload)) _exit(0);  // the checker is gone
}

void reply_text(ReplyStatus status, const std::string& text) {
  protocol::Writer w;
  w.text(text);
  reply(status, w);
}

// The exception being handled, with where in the student's files it was thrown.
void reply_thrown(ReplyStatus status) {
  const Thrown thrown = current_exception();
  protocol::Writer w;
  w.text(thrown.type);
  w.text(thrown.what);
  w.text(server::student_location(server::last_throw_site()));
  reply(status, w);
}

// The facts of a broken Eigen precondition, for the checker to word (and to distrust).
void reply_eigen_assertion(const nn_grade::server::EigenAssertionFailed& failed) {
  protocol::Writer w;
  w.u8(static_cast<std::uint8_t>(failed.problem()));
  for (int i = 0; i < 4; ++i) w.i64(failed.number(i));
  w.text(failed.condition());
  w.text(server::student_location(server::last_throw_site()));
  reply(ReplyStatus::kEigenAssertion, w);
}

// An exception that left a noexcept function (or a destructor) ends here.
[[noreturn]] void on_terminate() {
  if (std::current_exception()) {
    reply_thrown(ReplyStatus::kTerminated);
  } else {
    protocol::Writer w;
    for (const char* text : {"", "", ""}) w.text(text);  // std::terminate() with no exception
    reply(ReplyStatus::kTerminated, w);
  }
  _exit(0);
}

class Server {
 public:
  void serve() {
    std::string request;
    while (protocol::read_frame(protocol::kRequestFd, protocol::kMaxRequestBytes, &request)) {
      protocol::Reader in(std::move(request));
      protocol::Writer out;
      try {
        handle(in, out);
        if (!in.ok() || !in.at_end()) throw BadRequest{"malformed request"};
      } catch (const BadRequest& bad) {
        reply_text(ReplyStatus::kRefused, bad.why);
        continue;
      } catch (const nn_grade::server::EigenAssertionFailed& failed) {
        reply_eigen_assertion(failed);
        continue;
      } catch (...) {
        reply_thrown(ReplyStatus::kThrew);
        continue;
      }
      reply(ReplyStatus::kOk, out);
    }
  }

 private:
  Entry& entry(std::uint32_t h) {
    Entry* e = table_.find(h);
    if (!e) throw BadRequest{"unknown handle"};
    return *e;
  }
  Entry& of_kind(std::uint32_t h, Kind kind) {
    Entry& e = entry(h);
    if (e.kind != kind) throw BadRequest{"wrong kind of object"};
    return e;
  }
  nn::Layer& layer(std::uint32_t h) {
    Entry& e = entry(h);
    if (!server::is_layer(e.kind) || !e.layer) throw BadRequest{"not a layer"};
    return *e.layer;
  }
  template <typename T>
  T& layer_as(std::uint32_t h) {
    T* typed = dynamic_cast<T*>(&layer(h));
    if (!typed) throw BadRequest{"not a layer of that class"};
    return *typed;
  }
  std::mt19937& rng(std::uint32_t h) { return *of_kind(h, Kind::kRng).rng; }

  std::uint32_t add_layer(std::unique_ptr<nn::Layer> owned) {
    Entry e;
    e.kind = server::kind_of(owned.get());
    e.layer = owned.get();
    e.owned_layer = std::move(owned);
    return table_.add(std::move(e));
  }

  nn::Matrix& field(std::uint32_t h, Field f) {
    Entry& e = entry(h);
    switch (f) {
      case Field::kW:
        return layer_as<nn::Linear>(h).W;
      case Field::kB:
        return layer_as<nn::Linear>(h).b;
      case Field::kGradW:
        return layer_as<nn::Linear>(h).grad_W;
      case Field::kGradB:
        return layer_as<nn::Linear>(h).grad_b;
      case Field::kCachedInput:
        if (e.kind == Kind::kReLU) return layer_as<nn::ReLU>(h).cached_input;
        return layer_as<nn::Linear>(h).cached_input;
      case Field::kCachedOutput:
        return layer_as<nn::Sigmoid>(h).cached_output;
      case Field::kCachedGrad:
        return of_kind(h, Kind::kLoss).loss->cached_grad;
      case Field::kValue:
        return of_kind(h, Kind::kTensor).tensor->value;
      case Field::kGrad:
        return of_kind(h, Kind::kTensor).tensor->grad;
    }
    throw BadRequest{"unknown field"};
  }

  std::uint32_t new_sgd(std::vector<nn::Parameter> params, protocol::Reader& in) {
    const double lr = in.f64();
    const bool has_momentum = in.u8() != 0;
    const double momentum = in.f64();
    Entry e;
    e.kind = Kind::kSgd;
    e.sgd = has_momentum ? std::make_unique<nn::SGD>(std::move(params), lr, momentum)
                         : std::make_unique<nn::SGD>(std::move(params), lr);
    return table_.add(std::move(e));
  }

  void handle(protocol::Reader& in, protocol::Writer& out) {
    const Op op = static_cast<Op>(in.u8());
    switch (op) {
      case Op::kNewRng: {
        Entry e;
        e.kind = Kind::kRng;
        e.rng = std::make_unique<std::mt19937>(in.u32());
        out.u32(table_.add(std::move(e)));
        return;
      }
      case Op::kNewLinear: {
        const int in_features = in.i32(), out_features = in.i32();
        std::mt19937& generator = rng(in.u32());
        out.u32(add_layer(std::make_unique<nn::Linear>(in_features, out_features, generator)));
        return;
      }
      case Op::kNewReLU:
        out.u32(add_layer(std::make_unique<nn::ReLU>()));
        return;
      case Op::kNewSigmoid:
        out.u32(add_layer(std::make_unique<nn::Sigmoid>()));
        return;
      case Op::kNewMlp: {
        const std::vector<int> sizes = in.ints();
        const nn::Activation a = in.u8() == 0 ? nn::Activation::ReLU : nn::Activation::Sigmoid;
        std::mt19937& generator = rng(in.u32());
        Entry e;
        e.kind = Kind::kMlp;
        e.mlp = std::make_unique<nn::MLP>(sizes, a, generator);
        out.u32(table_.add(std::move(e)));
        return;
      }
      case Op::kNewLoss: {
        Entry e;
        e.kind = Kind::kLoss;
        e.loss = std::make_unique<nn::CrossEntropyLoss>();
        out.u32(table_.add(std::move(e)));
        return;
      }
      case Op::kNewTensor: {
        Entry e;
        e.kind = Kind::kTensor;
        e.tensor = std::make_unique<server::Tensor>();
        e.tensor->value = in.matrix();
        e.tensor->grad = in.matrix();
        out.u32(table_.add(std::move(e)));
        return;
      }
      case Op::kNewSgdTensors: {
        const std::uint32_t n = in.u32();
        if (n > in.left()) throw BadRequest{"too many tensors"};
        std::vector<nn::Parameter> params;
        for (std::uint32_t i = 0; i < n; ++i) {
          server::Tensor& t = *of_kind(in.u32(), Kind::kTensor).tensor;
          params.push_back({&t.value, &t.grad});
        }
        out.u32(new_sgd(std::move(params), in));
        return;
      }
      case Op::kNewSgdMlp: {
        nn::MLP& mlp = *of_kind(in.u32(), Kind::kMlp).mlp;
        out.u32(new_sgd(mlp.parameters(), in));
        return;
      }
      case Op::kClone: {
        const std::uint32_t h = in.u32();
        Entry& e = entry(h);
        switch (e.kind) {
          case Kind::kLinear:
            out.u32(add_layer(std::make_unique<nn::Linear>(layer_as<nn::Linear>(h))));
            return;
          case Kind::kReLU:
            out.u32(add_layer(std::make_unique<nn::ReLU>(layer_as<nn::ReLU>(h))));
            return;
          case Kind::kSigmoid:
            out.u32(add_layer(std::make_unique<nn::Sigmoid>(layer_as<nn::Sigmoid>(h))));
            return;
          case Kind::kLoss: {
            Entry copy;
            copy.kind = Kind::kLoss;
            copy.loss = std::make_unique<nn::CrossEntropyLoss>(*e.loss);
            out.u32(table_.add(std::move(copy)));
            return;
          }
          default:
            throw BadRequest{"cannot copy that object"};
        }
      }
      case Op::kForward:
      case Op::kBackward: {
        const std::uint32_t h = in.u32();
        const nn::Matrix m = in.matrix();
        Entry& e = entry(h);
        const bool fwd = op == Op::kForward;
        if (e.kind == Kind::kMlp) {
          out.matrix(fwd ? e.mlp->forward(m) : e.mlp->backward(m));
        } else {
          out.matrix(fwd ? layer(h).forward(m) : layer(h).backward(m));
        }
        return;
      }
      case Op::kLossForward: {
        nn::CrossEntropyLoss& loss = *of_kind(in.u32(), Kind::kLoss).loss;
        const nn::Matrix logits = in.matrix();
        const std::vector<int> labels = in.ints();
        out.f64(loss.forward(logits, labels));
        return;
      }
      case Op::kLossBackward:
        out.matrix(of_kind(in.u32(), Kind::kLoss).loss->backward());
        return;
      case Op::kStep:
        of_kind(in.u32(), Kind::kSgd).sgd->step();
        return;
      case Op::kZeroGrad:
        of_kind(in.u32(), Kind::kSgd).sgd->zero_grad();
        return;
      case Op::kGet: {
        const std::uint32_t h = in.u32();
        out.matrix(field(h, static_cast<Field>(in.u8())));
        return;
      }
      case Op::kSet: {
        const std::uint32_t h = in.u32();
        nn::Matrix& target = field(h, static_cast<Field>(in.u8()));
        target = in.matrix();
        return;
      }
      case Op::kLayers: {
        nn::MLP& mlp = *of_kind(in.u32(), Kind::kMlp).mlp;
        out.u32(static_cast<std::uint32_t>(mlp.layers.size()));
        for (const auto& owned : mlp.layers) {
          Entry e;
          e.kind = server::kind_of(owned.get());
          e.layer = owned.get();
          out.u8(static_cast<std::uint8_t>(e.kind));
          out.u32(table_.add(std::move(e)));
        }
        return;
      }
      case Op::kVelocities: {
        const nn::SGD& sgd = *of_kind(in.u32(), Kind::kSgd).sgd;
        out.u32(static_cast<std::uint32_t>(sgd.velocities.size()));
        for (const nn::Matrix& v : sgd.velocities) out.matrix(v);
        return;
      }
    }
    throw BadRequest{"unknown op"};
  }

  server::ObjectTable table_;
};

}  // namespace

int program_main() {
  server::install_crash_report();
  std::set_terminate(on_terminate);
  Server().serve();
  flush_student_output();
  _exit(0);  // no static destructors of the submission's after the checker has gone
}

}  // namespace nn_grade::server

int main() { return nn_grade::server::program_main(); }
