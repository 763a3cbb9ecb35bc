#include "cli/subcommands.hpp"

#include <algorithm>
#include <vector>

#include <fmt/core.h>

namespace drydock::cli {
namespace {

// One table of subcommands: name, one-line description (shown by --help and "did you mean").
struct Subcommand {
  std::string_view name;
  std::string_view description;
};

constexpr Subcommand k_subcommands[] = {
    {"validate", "Check the Starfleet configuration and payload templates exactly as upstream does"},
    {"plan", "Show which accounts and regions templates target, and the messages the Starbase sends"},
    {"run", "Invoke a worker once with a payload, like upstream's worker CLI (applicability check included)"},
    {"fanout",
     "Put a template under a worker's prefix and run the S3 path: Starbase, queue, worker, retries, DLQ"},
    {"put", "Put any object into the template bucket and run what it triggers until the queues are idle"},
    {"tick", "Fire one EventBridge frequency now and run the timed path until the queues are idle"},
    {"clock", "Move the virtual clock forward, running every schedule firing on the way"},
    {"drain", "Run the workers over whatever is already queued until the queues are idle"},
    {"serve", "Serve the emulated S3 and SQS to aws-cli, boto3 and the SDKs on loopback, running workers"},
    {"queues", "List the emulated SQS queues with their message counts, DLQs and settings"},
    {"dlq", "Inspect, export, import, replay and purge dead letters, with every failed attempt's reason"},
    {"org", "Generate an organization, or convert a compact fixture, to upstream's account index JSON"},
    {"schema", "Print the JSON Schema of a template kind, for editors (yaml-language-server)"},
};

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string suggestion(std::string_view typed) {
  std::string_view best;
  std::size_t best_distance = 3;
  for (const auto& sub : k_subcommands) {
    auto d = edit_distance(typed, sub.name);
    if (d < best_distance) {
      best = sub.name;
      best_distance = d;
    }
  }
  return best.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", best);
}

const char* description_of(std::string_view name) {
  for (const auto& sub : k_subcommands) {
    if (sub.name == name) {
      return sub.description.data();
    }
  }
  return "";
}

}  // namespace drydock::cli
