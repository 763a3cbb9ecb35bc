#pragma once
// The individual template lints behind lint_template(). Each appends warnings (severity warning,
// `code` set, `file` empty) to `out`.

#include <string_view>
#include <vector>

#include "workers/diagnostics/diagnostic.hpp"
#include "workers/templates/template_kind.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::workers::lint {

inline constexpr std::string_view k_code_unquoted_account_id = "unquoted-account-id";
inline constexpr std::string_view k_code_duplicate_key = "duplicate-key";
inline constexpr std::string_view k_code_not_json_serializable = "not-json-serializable";
inline constexpr std::string_view k_code_message_too_large = "message-too-large";

// SQS's maximum message size and maximum SendMessageBatch total (aws-anchors.md §4.2).
inline constexpr std::size_t k_sqs_max_bytes = 1'048'576;
// Upstream's Starbase sends SendMessageBatch requests of up to 10 entries.
inline constexpr std::size_t k_starbase_batch_entries = 10;

// unquoted-account-id: ints (and, given `source`, lucky unquoted strings) where ACCOUNT and
// ACCOUNT_REGION templates expect account-id strings: In/ExcludeAccounts.ByIds items and
// StarbaseAssignedAccount.
void lint_account_ids(const yaml::Node& root, TemplateKind kind, std::string_view source,
                      std::vector<Diagnostic>& out);

// duplicate-key: keys the loader saw twice.
void lint_duplicate_keys(const yaml::Document& doc, std::vector<Diagnostic>& out);

// not-json-serializable: dates, datetimes, bytes and sets anywhere (keys too), plus anything else
// json.dumps raises on (cycles, huge ints); message-too-large: the worker message body, or a full
// batch of them, over SQS's limit.
void lint_message_body(const yaml::Node& root, TemplateKind kind, std::vector<Diagnostic>& out);

}  // namespace drydock::workers::lint
