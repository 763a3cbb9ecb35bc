// The Starbase's worker-queue messages (starfleet-behavior.md §7.3). The template is dumped once
// with holes (message_template.hpp); each message is the pieces with the account id and region
// spliced in, written into one reused buffer.

#include "emulator/starbase/fanout_messages.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "emulator/starbase/message_template.hpp"

namespace drydock::emulator {
namespace {

namespace yaml = workers::yaml;

// A value spliced into a hole: its json.dumps literal, escaped once more for BodyForm::escaped.
void append_value(std::string& out, std::string_view value, BodyForm form) {
  if (form == BodyForm::raw) {
    append_json_string(out, value);
    return;
  }
  if (needs_no_escaping(value)) {
    out += "\\\"";
    out += value;
    out += "\\\"";
    return;
  }
  std::string literal;
  append_json_string(literal, value);
  append_json_string_contents(out, literal);
}

// The template for `form`.
std::expected<MessageTemplate, yaml::DumpError> build_template(const yaml::Node& root, bool with_region,
                                                               BodyForm form) {
  auto tmpl = MessageTemplate::build(root, with_region);
  if (tmpl && form == BodyForm::escaped) {
    return tmpl->escaped();
  }
  return tmpl;
}

// One (account, region) message before ordering: indexes into the caller's pairs.
struct PairRef {
  std::uint32_t pair = 0;
  std::uint32_t region = 0;
};

// The pairs in Id order (account id + region, compared as one string). When every account id has
// the same length and the pairs come sorted by id with sorted regions — what the resolver returns —
// that is the given order and nothing is sorted.
std::vector<PairRef> id_order(const AccountIndex& index, const std::vector<AccountRegions>& pairs) {
  std::vector<PairRef> order;
  std::size_t total = 0;
  for (const AccountRegions& p : pairs) {
    total += p.regions.size();
  }
  order.reserve(total);
  bool sorted = true;
  const std::string* previous_id = nullptr;
  for (std::uint32_t i = 0; i < pairs.size(); ++i) {
    const std::vector<std::string>& regions = pairs[i].regions.items();
    const std::string& id = index.account(pairs[i].account).id;
    if (previous_id != nullptr && !regions.empty() &&
        (id.size() != previous_id->size() || !(*previous_id < id))) {
      sorted = false;
    }
    if (!std::is_sorted(regions.begin(), regions.end())) {
      sorted = false;
    }
    if (!regions.empty()) {
      previous_id = &id;
    }
    for (std::uint32_t r = 0; r < regions.size(); ++r) {
      order.push_back({i, r});
    }
  }
  if (sorted) {
    return order;
  }
  auto key = [&](const PairRef& p) {
    return index.account(pairs[p.pair].account).id + pairs[p.pair].regions[p.region];
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](const PairRef& a, const PairRef& b) { return key(a) < key(b); });
  return order;
}

}  // namespace

std::expected<std::size_t, yaml::DumpError> for_each_account_message(const yaml::Node& template_root,
                                                                     const AccountIndex& index,
                                                                     const AccountSet& accounts,
                                                                     const MessageSink& sink, BodyForm form) {
  // Upstream dumps only when it has an account to task: an empty result is not a dump failure.
  if (accounts.empty()) {
    return 0;
  }
  auto tmpl = build_template(template_root, false, form);
  if (!tmpl) {
    return std::unexpected(std::move(tmpl.error()));
  }
  AccountSet ordered = accounts;
  std::stable_sort(ordered.begin(), ordered.end(),
                   [&](AccountRef a, AccountRef b) { return index.account(a).id < index.account(b).id; });

  const std::vector<std::string>& pieces = tmpl->pieces();
  std::string body;
  for (AccountRef ref : ordered) {
    const std::string& id = index.account(ref).id;
    body.assign(pieces[0]);
    append_value(body, id, form);
    body += pieces[1];
    sink(id, body);
  }
  return ordered.size();
}

std::expected<std::size_t, yaml::DumpError> for_each_account_region_message(
    const yaml::Node& template_root, const AccountIndex& index, const std::vector<AccountRegions>& pairs,
    const MessageSink& sink, BodyForm form) {
  const std::vector<PairRef> order = id_order(index, pairs);
  if (order.empty()) {
    return 0;
  }
  auto tmpl = build_template(template_root, true, form);
  if (!tmpl) {
    return std::unexpected(std::move(tmpl.error()));
  }
  const std::vector<std::string>& pieces = tmpl->pieces();
  const bool account_first = tmpl->slots()[0] == MessageSlot::account;

  // With the account hole first, the body up to the region hole is shared by all of an account's
  // messages: it is rewritten only when the account changes.
  std::string body;
  std::string id;
  std::size_t kept = 0;  // bytes of `body` (and of `id`) valid for the current account
  std::size_t kept_id = 0;
  const std::string* current = nullptr;
  for (const PairRef& p : order) {
    const std::string& account = index.account(pairs[p.pair].account).id;
    const std::string& region = pairs[p.pair].regions[p.region];
    if (&account != current) {
      current = &account;
      id.assign(account);
      kept_id = id.size();
      if (account_first) {
        body.assign(pieces[0]);
        append_value(body, account, form);
        body += pieces[1];
        kept = body.size();
      }
    }
    id.resize(kept_id);
    id += region;
    if (account_first) {
      body.resize(kept);
      append_value(body, region, form);
      body += pieces[2];
    } else {
      body.assign(pieces[0]);
      append_value(body, region, form);
      body += pieces[1];
      append_value(body, account, form);
      body += pieces[2];
    }
    sink(id, body);
  }
  return order.size();
}

std::expected<std::string, yaml::DumpError> single_invocation_message(const yaml::Node& template_root) {
  return yaml::dumps(template_root);
}

}  // namespace drydock::emulator
