#include "workers/templates/accounts_specification_schema.hpp"

#include <array>
#include <string>

#include "workers/marshmallow/messages.hpp"
#include "workers/marshmallow/python_values.hpp"
#include "workers/marshmallow/utf8.hpp"
#include "workers/templates/marshmallow_fields.hpp"
#include "workers/templates/template_messages.hpp"

namespace drydock::workers::templates {
namespace {

using marshmallow::code_point_count;
using marshmallow::is_collection;
using marshmallow::k_invalid_input_type;
using marshmallow::k_may_not_be_null;
using marshmallow::k_not_a_list;
using marshmallow::k_schema_key;
using marshmallow::k_unknown_field;
using marshmallow::key_path_element;
using marshmallow::LengthRule;
using marshmallow::python_truthy;
using yaml::Node;
using yaml::Type;

constexpr std::string_view k_by_names = "ByNames";
constexpr std::string_view k_by_ids = "ByIds";
constexpr std::string_view k_by_org_units = "ByOrgUnits";
constexpr std::string_view k_by_tags = "ByTags";
constexpr std::string_view k_all_accounts = "AllAccounts";

// fields.List(fields.String(...), load_default=[]): missing gives [], None is an error.
StringList load_string_list_field(SchemaErrors& errors, const Node& mapping, std::string_view key,
                                  std::optional<LengthRule> item_rule, std::vector<std::string>& out) {
  auto step = errors.step(key);
  const Node* value = present_value(errors, raw_field(mapping, key), mapping.mark, {});
  if (value == nullptr) {
    return {};
  }
  auto list = deserialize_string_list(errors, *value, item_rule);
  out.reserve(list.valid.size());
  for (const auto& item : list.valid) {
    out.emplace_back(item.text);
  }
  return list;
}

// AccountTagNameValueSchema: Name (str, Length 1..128) and Value (str, Length max 256), both
// required; unknown keys RAISE.
void load_tag(SchemaErrors& errors, const Node& value, AccountTag& out) {
  if (value.type != Type::mapping) {
    errors.add(std::string(k_schema_key), first_mark({value.mark}), std::string(k_invalid_input_type));
    return;
  }
  const auto load_part = [&](std::string_view key, LengthRule rule, std::string& target) {
    auto step = errors.step(key);
    const Node* part = present_value(errors, raw_field(value, key), value.mark, {.required = true});
    if (part == nullptr) {
      return;
    }
    if (auto text = deserialize_string(errors, *part)) {
      if (validate_length(errors, part->mark, code_point_count(*text), rule)) {
        target = *text;
      }
    }
  };
  load_part("Name", {.min = 1, .max = 128}, out.name);
  load_part("Value", {.min = std::nullopt, .max = 256}, out.value);
  for (const auto& entry : value.entries) {
    if (entry.key->type != Type::string || (entry.key->text != "Name" && entry.key->text != "Value")) {
      errors.add(key_path_element(*entry.key), first_mark({entry.key->mark, value.mark}),
                 std::string(k_unknown_field));
    }
  }
}

void load_tags(SchemaErrors& errors, const Node& mapping, std::vector<AccountTag>& out) {
  auto step = errors.step(k_by_tags);
  const Node* value = present_value(errors, raw_field(mapping, k_by_tags), mapping.mark, {});
  if (value == nullptr) {
    return;
  }
  if (!is_collection(*value)) {
    errors.add(first_mark({value->mark}), std::string(k_not_a_list));
    return;
  }
  out.reserve(value->items.size());
  std::int64_t index = 0;
  for (const Node* item : value->items) {
    auto item_step = errors.step(index++);
    if (item->type == Type::null) {
      errors.add(first_mark({item->mark, value->mark}), std::string(k_may_not_be_null));
      continue;
    }
    load_tag(errors, *item, out.emplace_back());
  }
}

// AccountsSpecificationSchema.validate_org_units. marshmallow runs it on the list's *valid_data*
// (the items that loaded), so after an item error the indexes it reports are shifted: upstream
// reports [5, ""] as {0: ["Not a valid string.", "Length must be greater than 0."]}.
void validate_org_units(SchemaErrors& errors, const StringList& org_units) {
  auto step = errors.step(k_by_org_units);
  std::int64_t index = 0;
  for (const auto& item : org_units.valid) {
    auto item_step = errors.step(index++);
    const auto length = code_point_count(item.text);
    if (length == 0) {
      errors.add(first_mark({item.node->mark}), std::string(k_ou_empty));
    } else if (item.text.starts_with("ou-") && length > 68) {
      errors.add(first_mark({item.node->mark}), std::string(k_ou_id_too_long));
    } else if (length > 128) {
      errors.add(first_mark({item.node->mark}), std::string(k_ou_name_too_long));
    }
  }
}

bool is_known_key(const Node& key, bool include) {
  if (key.type != Type::string) {
    return false;
  }
  const std::string_view text = key.text;
  return text == k_by_names || text == k_by_ids || text == k_by_org_units || text == k_by_tags ||
         (include && text == k_all_accounts);
}

// IncludeAccountsSpecificationSchema.verify_schema (runs only when the schema has no field errors).
void verify_include_schema(SchemaErrors& errors, const Node& mapping, const AccountsSpecification& loaded) {
  if (loaded.all_accounts) {
    // Keyed by the original YAML keys, for every other key whose raw value is truthy.
    for (const auto& entry : mapping.entries) {
      if (entry.key->text != k_all_accounts && python_truthy(*entry.value)) {
        errors.add(key_path_element(*entry.key), first_mark({entry.key->mark, mapping.mark}),
                   std::string(k_all_accounts_exclusive));
      }
    }
    return;
  }
  if (loaded.by_names.empty() && loaded.by_ids.empty() && loaded.by_org_units.empty() &&
      loaded.by_tags.empty()) {
    for (std::string_view key : {k_all_accounts, k_by_names, k_by_ids, k_by_org_units, k_by_tags}) {
      errors.add(std::string(key), first_mark({mapping.mark}), std::string(k_missing_account_field_set));
    }
  }
}

}  // namespace

void load_accounts_specification(SchemaErrors& errors, const Node& value, bool include,
                                 AccountsSpecification& out) {
  if (value.type != Type::mapping) {
    errors.add(std::string(k_schema_key), first_mark({value.mark}), std::string(k_invalid_input_type));
    return;
  }
  const auto errors_before = errors.count();

  // Fields, in declaration order (Schema._deserialize).
  load_string_list_field(errors, value, k_by_names, LengthRule{.min = 1, .max = 128}, out.by_names);
  load_string_list_field(errors, value, k_by_ids, LengthRule{.min = 1, .max = 12}, out.by_ids);
  auto org_units = load_string_list_field(errors, value, k_by_org_units, std::nullopt, out.by_org_units);
  load_tags(errors, value, out.by_tags);
  if (include) {
    auto step = errors.step(k_all_accounts);
    if (const Node* flag = present_value(errors, raw_field(value, k_all_accounts), value.mark, {})) {
      out.all_accounts = deserialize_boolean(errors, *flag).value_or(false);
    }
  }

  // Unknown keys (RAISE), then the field validators, then the schema validators (_do_load).
  for (const auto& entry : value.entries) {
    if (!is_known_key(*entry.key, include)) {
      errors.add(key_path_element(*entry.key), first_mark({entry.key->mark, value.mark}),
                 std::string(k_unknown_field));
    }
  }
  if (org_units.is_list) {
    validate_org_units(errors, org_units);
  }
  if (include && errors.count() == errors_before) {
    verify_include_schema(errors, value, out);
  }
}

}  // namespace drydock::workers::templates
