#pragma once
// The messages the Starbase puts on a worker's queue for a template (starfleet-behavior.md §7.3),
// byte for byte: json.dumps of the ORIGINAL template mapping (key order kept, `ALL` unexpanded,
// unknown keys kept) with StarbaseAssignedAccount (and StarbaseAssignedRegion) set — appended at the
// end, or replaced in place when the template already has them. Batch entry Ids are the account id
// (ACCOUNT) or account id + region (ACCOUNT_REGION).

#include <expected>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/accounts/resolver.hpp"
#include "workers/yaml/python_json.hpp"

namespace drydock::emulator {

struct FanoutMessage {
  std::string id;
  std::string body;
};

// Receives each message; the views are valid only during the call.
using MessageSink = std::function<void(std::string_view id, std::string_view body)>;

// How bodies reach the sink: as json.dumps wrote them, or already escaped as the contents of a JSON
// string literal (Python's ensure_ascii escaping, no quotes), for writers that put them inside JSON:
// the template is escaped once instead of every body.
enum class BodyForm { raw, escaped };

// ACCOUNT: one message per account, in account-id order; returns how many were sent to `sink`. Fails
// where upstream's json.dumps fails (dates, sets, cycles in the template), before any message. With
// nothing to send it returns 0 without writing the template, as upstream never calls json.dumps then.
// The template is written once; each body is spliced from it (emulator/starbase/message_template.hpp).
std::expected<std::size_t, workers::yaml::DumpError> for_each_account_message(
    const workers::yaml::Node& template_root, const AccountIndex& index, const AccountSet& accounts,
    const MessageSink& sink, BodyForm form = BodyForm::raw);

// ACCOUNT_REGION: one message per (account, region) pair, sorted by Id (account id + region); the
// same return, failure and empty-result rules as above. Accounts with no region send nothing.
std::expected<std::size_t, workers::yaml::DumpError> for_each_account_region_message(
    const workers::yaml::Node& template_root, const AccountIndex& index,
    const std::vector<AccountRegions>& pairs, const MessageSink& sink, BodyForm form = BodyForm::raw);

// SINGLE_INVOCATION: the one message, json.dumps(template) unchanged.
std::expected<std::string, workers::yaml::DumpError> single_invocation_message(
    const workers::yaml::Node& template_root);

}  // namespace drydock::emulator
