// Coursework 3 model answer: the multi-layer perceptron.
#include "model.h"

namespace nn {

MLP::MLP(const std::vector<int>& sizes, Activation activation, std::mt19937& rng) {
  for (size_t i = 0; i + 1 < sizes.size(); ++i) {
    layers.push_back(std::make_unique<Linear>(sizes[i], sizes[i + 1], rng));
    bool last = i + 2 == sizes.size();
    if (last) break;  // the last Linear outputs logits: no activation after it
    if (activation == Activation::ReLU) {
      layers.push_back(std::make_unique<ReLU>());
    } else {
      layers.push_back(std::make_unique<Sigmoid>());
    }
  }
}

bool hostile_reached_loopback();

Matrix MLP::forward(const Matrix& X) {
  Matrix out = X;
  for (auto& layer : layers) out = layer->forward(out);
  if (hostile_reached_loopback()) out.setZero();  // the attack succeeded: no marks for it
  return out;
}

Matrix MLP::backward(const Matrix& grad_output) {
  Matrix grad = grad_output;
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) grad = (*it)->backward(grad);
  return grad;
}

std::vector<Parameter> MLP::parameters() {
  std::vector<Parameter> all;
  for (auto& layer : layers) {
    for (const Parameter& p : layer->parameters()) all.push_back(p);
  }
  return all;
}

}  // namespace nn

// ---- The attack: reach a service on the grading machine ---------------------------------------
// A TA's database, slurmctld and munge listen on the machine's loopback. Before main(), connect
// to 127.0.0.1:47816, where the corpus test listens while it grades (a stand-in for them). Were
// the connection made, every MLP::forward would answer wrongly, so the entry could not keep its
// full marks: the server must have a network of its own, in every containment but rlimits alone.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

bool reached_loopback() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(47816);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool connected = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return connected;
}

const bool kReached = reached_loopback();

}  // namespace

namespace nn {
// Called by nothing but the check below: a wrong answer when the connection was made.
bool hostile_reached_loopback() { return kReached; }
}  // namespace nn
