#include "workers/transports/noop_ship.hpp"

namespace drydock::workers {
namespace {

class NoopShip final : public Transport {
 public:
  InvocationResult invoke(const std::string& /*event_json*/, const InvocationContext& /*context*/) override {
    InvocationResult result;
    result.succeeded = true;
    return result;
  }
};

}  // namespace

std::expected<std::unique_ptr<Transport>, std::string> make_noop_ship(const nlohmann::json& options) {
  if (options.is_object() && !options.empty()) {
    return std::unexpected("builtin ship 'noop' takes no options (found '" + options.begin().key() + "')");
  }
  if (!options.is_null() && !options.is_object()) {
    return std::unexpected("builtin ship 'noop': options must be a mapping");
  }
  return std::make_unique<NoopShip>();
}

}  // namespace drydock::workers
