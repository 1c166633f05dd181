// The student server's objects: what the checker's handles name. A handle is an index into the
// table; an entry owns its object, or borrows it (an MLP's own layers, owned by the MLP).
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "layers.h"
#include "losses.h"
#include "model.h"
#include "optimizer.h"
#include "protocol/server_protocol.h"

namespace nn_grade::server {

// A parameter the server owns for an SGD the checker builds over loose tensors.
struct Tensor {
  nn::Matrix value, grad;
};

struct Entry {
  protocol::Kind kind = protocol::Kind::kNull;
  std::unique_ptr<nn::Layer> owned_layer;
  nn::Layer* layer = nullptr;  // owned_layer.get(), or a layer inside an MLP
  std::unique_ptr<nn::MLP> mlp;
  std::unique_ptr<nn::CrossEntropyLoss> loss;
  std::unique_ptr<nn::SGD> sgd;
  std::unique_ptr<Tensor> tensor;
  std::unique_ptr<std::mt19937> rng;
};

class ObjectTable {
 public:
  std::uint32_t add(Entry entry);
  // The entry of handle `h`, or nullptr.
  Entry* find(std::uint32_t h);

 private:
  std::vector<Entry> entries_;
};

// The class of a layer, as the checker names it.
protocol::Kind kind_of(const nn::Layer* layer);

bool is_layer(protocol::Kind kind);

}  // namespace nn_grade::server
