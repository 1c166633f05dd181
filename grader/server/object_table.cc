#include "server/object_table.h"

namespace nn_grade::server {

std::uint32_t ObjectTable::add(Entry entry) {
  entries_.push_back(std::move(entry));
  return static_cast<std::uint32_t>(entries_.size() - 1);
}

Entry* ObjectTable::find(std::uint32_t h) { return h < entries_.size() ? &entries_[h] : nullptr; }

protocol::Kind kind_of(const nn::Layer* layer) {
  if (!layer) return protocol::Kind::kNull;
  if (dynamic_cast<const nn::Linear*>(layer)) return protocol::Kind::kLinear;
  if (dynamic_cast<const nn::ReLU*>(layer)) return protocol::Kind::kReLU;
  if (dynamic_cast<const nn::Sigmoid*>(layer)) return protocol::Kind::kSigmoid;
  return protocol::Kind::kOtherLayer;
}

bool is_layer(protocol::Kind kind) {
  return kind == protocol::Kind::kLinear || kind == protocol::Kind::kReLU ||
         kind == protocol::Kind::kSigmoid || kind == protocol::Kind::kOtherLayer;
}

}  // namespace nn_grade::server
