#include "workers/transports/builtin_transport.hpp"

#include <algorithm>
#include <array>

#include "workers/transports/flaky_ship.hpp"
#include "workers/transports/noop_ship.hpp"

namespace drydock::workers {
namespace {

using ShipFactory = std::expected<std::unique_ptr<Transport>, std::string> (*)(const nlohmann::json& options);

struct BuiltinShip {
  std::string_view name;
  ShipFactory make;
};

// Every builtin ship, sorted by name. To add one (e.g. upstream's account-index-generator), write
// <name>_ship.{hpp,cpp} with a factory taking its options and add a row here. A ship that needs more
// than its options (the emulated S3, the organization) gets them through a context argument added to
// ShipFactory then, not through globals: ships must stay safe to run from several threads.
constexpr std::array k_ships{
    BuiltinShip{"flaky", &make_flaky_ship},
    BuiltinShip{"noop", &make_noop_ship},
};

}  // namespace

std::vector<std::string_view> builtin_ship_names() {
  std::vector<std::string_view> names;
  for (const auto& ship : k_ships) {
    names.push_back(ship.name);
  }
  return names;
}

std::expected<std::unique_ptr<Transport>, std::string> make_builtin_transport(std::string_view name,
                                                                              const nlohmann::json& options) {
  const auto* ship =
      std::find_if(k_ships.begin(), k_ships.end(), [&](const BuiltinShip& s) { return s.name == name; });
  if (ship == k_ships.end()) {
    std::string known;
    for (const auto& s : k_ships) {
      known += (known.empty() ? "" : ", ") + std::string(s.name);
    }
    return std::unexpected("unknown builtin ship '" + std::string(name) + "' (known: " + known + ")");
  }
  if (!options.is_null() && !options.is_object()) {
    return std::unexpected("builtin ship '" + std::string(name) + "': options must be a mapping");
  }
  return ship->make(options);
}

}  // namespace drydock::workers
