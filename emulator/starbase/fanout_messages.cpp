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

// Whether the pairs as given are in Id order (account id + region, compared as one string): every
// account id of the same length, ids ascending, each account's regions sorted — what the resolver
// returns. A region list shared with the one checked last needs no second look.
bool in_id_order(const AccountIndex& index, const std::vector<AccountRegions>& pairs) {
  const std::string* previous_id = nullptr;
  PerSharedList<std::string, bool> sorted;
  for (const AccountRegions& pair : pairs) {
    if (pair.regions.empty()) {
      continue;
    }
    const std::string& id = index.account(pair.account).id;
    if (previous_id != nullptr && (id.size() != previous_id->size() || !(*previous_id < id))) {
      return false;
    }
    previous_id = &id;
    if (!sorted.of(pair.regions, [](const RegionList& regions) {
          return std::is_sorted(regions.begin(), regions.end());
        })) {
      return false;
    }
  }
  return true;
}

// The pairs in Id order, when they do not come that way.
std::vector<PairRef> sorted_id_order(const AccountIndex& index, const std::vector<AccountRegions>& pairs) {
  std::vector<PairRef> order;
  for (std::uint32_t i = 0; i < pairs.size(); ++i) {
    for (std::uint32_t r = 0; r < pairs[i].regions.size(); ++r) {
      order.push_back({i, r});
    }
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
  std::size_t total = 0;
  for (const AccountRegions& pair : pairs) {
    total += pair.regions.size();
  }
  if (total == 0) {
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
  // The regions as they go into a body, for the last region list used (accounts share lists).
  PerSharedList<std::string, std::vector<std::string>> region_values;
  const auto send = [&](const AccountRegions& pair, std::size_t r) {
    const std::string& account = index.account(pair.account).id;
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
    const std::vector<std::string>& values = region_values.of(pair.regions, [&](const RegionList& regions) {
      std::vector<std::string> out(regions.size());
      for (std::size_t k = 0; k < regions.size(); ++k) {
        append_value(out[k], regions[k], form);
      }
      return out;
    });
    id.resize(kept_id);
    id += pair.regions[r];
    if (account_first) {
      body.resize(kept);
      body += values[r];
      body += pieces[2];
    } else {
      body.assign(pieces[0]);
      body += values[r];
      body += pieces[1];
      append_value(body, account, form);
      body += pieces[2];
    }
    sink(id, body);
  };
  if (in_id_order(index, pairs)) {
    for (const AccountRegions& pair : pairs) {
      for (std::size_t r = 0; r < pair.regions.size(); ++r) {
        send(pair, r);
      }
    }
  } else {
    for (const PairRef& p : sorted_id_order(index, pairs)) {
      send(pairs[p.pair], p.region);
    }
  }
  return total;
}

std::expected<std::string, yaml::DumpError> single_invocation_message(const yaml::Node& template_root) {
  return yaml::dumps(template_root);
}

}  // namespace drydock::emulator
