#include "protocol/training_picture.h"

#include <string>

#include "protocol/json_numbers.h"

namespace nn_grade::protocol {

namespace {

[[noreturn]] void refuse(const nlohmann::json& j, const std::string& why) {
  throw nlohmann::json::other_error::create(501, "training picture: " + why, &j);
}

std::vector<std::vector<int>> read_grid(const nlohmann::json& j, const char* key, int rows,
                                        int columns, int classes) {
  auto grid = j.at(key).get<std::vector<std::vector<int>>>();
  if (static_cast<int>(grid.size()) != rows) refuse(j, std::string(key) + " has a wrong row count");
  for (const auto& row : grid) {
    if (static_cast<int>(row.size()) != columns) refuse(j, std::string(key) + " rows differ");
    for (int cell : row) {
      if (cell < -1 || cell >= classes) refuse(j, std::string(key) + " holds no class");
    }
  }
  return grid;
}

}  // namespace

void to_json(nlohmann::json& j, const TrainingPicture& p) {
  nlohmann::json losses = nlohmann::json::array();
  for (double loss : p.losses) losses.push_back(protocol::number_json(loss));
  j = {{"epochs", p.epochs}, {"loss_every", p.loss_every}, {"losses", losses}};
  if (p.regions.empty()) return;
  j["regions"] = {{"classes", p.classes},
                  {"x", {p.x_min, p.x_max}},
                  {"y", {p.y_min, p.y_max}},
                  {"predicted", p.regions},
                  {"points", p.points}};
}

void from_json(const nlohmann::json& j, TrainingPicture& p) {
  p = TrainingPicture{};
  j.at("epochs").get_to(p.epochs);
  j.at("loss_every").get_to(p.loss_every);
  const nlohmann::json& losses = j.at("losses");
  if (!losses.is_array() || losses.size() > static_cast<size_t>(kMaxPictureLosses) ||
      p.loss_every < 1 || p.epochs < 0) {
    refuse(j, "a loss curve out of bounds");
  }
  for (const nlohmann::json& loss : losses) {
    double value = 0;
    if (!protocol::read_number(loss, &value)) refuse(j, "a loss that is no number");
    p.losses.push_back(value);
  }
  if (!j.contains("regions")) return;
  const nlohmann::json& regions = j.at("regions");
  regions.at("classes").get_to(p.classes);
  const auto x = regions.at("x").get<std::vector<double>>();
  const auto y = regions.at("y").get<std::vector<double>>();
  if (x.size() != 2 || y.size() != 2) refuse(j, "an extent that is not [min, max]");
  p.x_min = x[0];
  p.x_max = x[1];
  p.y_min = y[0];
  p.y_max = y[1];
  if (p.classes < 1 || p.classes > kMaxPictureClasses) refuse(j, "too many classes");
  const auto& predicted = regions.at("predicted");
  const int rows = static_cast<int>(predicted.size());
  const int columns = rows == 0 ? 0 : static_cast<int>(predicted.front().size());
  if (rows < 1 || rows > kMaxPictureRows || columns < 1 || columns > kMaxPictureColumns) {
    refuse(j, "a map out of bounds");
  }
  p.regions = read_grid(regions, "predicted", rows, columns, p.classes);
  p.points = read_grid(regions, "points", rows, columns, p.classes);
}

}  // namespace nn_grade::protocol
