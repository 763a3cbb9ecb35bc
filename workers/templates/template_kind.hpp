#pragma once
// The three payload template kinds, named after upstream's fan-out strategies.

#include <optional>
#include <string_view>

namespace drydock::workers {

enum class TemplateKind {
  single_invocation,  // WorkerShipPayloadBaseTemplate (FanOutStrategy.SINGLE_INVOCATION)
  account,            // BaseAccountPayloadTemplate (FanOutStrategy.ACCOUNT)
  account_region,     // BaseAccountRegionPayloadTemplate (FanOutStrategy.ACCOUNT_REGION)
};

// "SINGLE_INVOCATION" / "ACCOUNT" / "ACCOUNT_REGION" (exact, upper case), else nullopt.
std::optional<TemplateKind> parse_template_kind(std::string_view text);
std::string_view to_string(TemplateKind kind);

}  // namespace drydock::workers
