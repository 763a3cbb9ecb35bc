#include "workers/templates/template_validator.hpp"

#include "workers/marshmallow/messages.hpp"
#include "workers/templates/accounts_specification_schema.hpp"
#include "workers/templates/marshmallow_fields.hpp"
#include "workers/templates/region_rules.hpp"
#include "workers/templates/schema_errors.hpp"

namespace drydock::workers {
namespace {

using marshmallow::FieldOptions;
using templates::SchemaErrors;
using templates::StringItem;
using yaml::Node;
using yaml::Type;

// fields.String(...): the text when present and valid.
void load_string(SchemaErrors& errors, const Node& root, std::string_view key, FieldOptions options,
                 std::string* out) {
  auto step = errors.step(key);
  const Node* value = templates::present_value(errors, templates::raw_field(root, key), root.mark, options);
  if (value == nullptr) {
    return;
  }
  auto text = templates::deserialize_string(errors, *value);
  if (text && out != nullptr) {
    *out = *text;
  }
}

// WorkerShipPayloadBaseTemplate's own fields (everything else is kept: unknown = INCLUDE).
void load_base_fields(SchemaErrors& errors, const Node& root, LoadedTemplate& loaded) {
  load_string(errors, root, "TemplateName", {.required = true}, &loaded.template_name);
  load_string(errors, root, "TemplateDescription", {.required = true}, &loaded.template_description);
}

// BaseAccountPayloadTemplate's fields.
void load_account_fields(SchemaErrors& errors, const Node& root, LoadedTemplate& loaded) {
  {
    auto step = errors.step("IncludeAccounts");
    const FieldOptions required{.required = true};
    if (const Node* value = templates::present_value(errors, templates::raw_field(root, "IncludeAccounts"),
                                                     root.mark, required)) {
      templates::load_accounts_specification(errors, *value, true, loaded.include_accounts);
    }
  }
  {
    // load_default={}: missing loads as an empty specification; None is an error.
    auto step = errors.step("ExcludeAccounts");
    if (const Node* value =
            templates::present_value(errors, templates::raw_field(root, "ExcludeAccounts"), root.mark, {})) {
      templates::load_accounts_specification(errors, *value, false, loaded.exclude_accounts);
    }
  }
  {
    auto step = errors.step("OperateInOrgRoot");
    if (const Node* value =
            templates::present_value(errors, templates::raw_field(root, "OperateInOrgRoot"), root.mark, {})) {
      loaded.operate_in_org_root = templates::deserialize_boolean(errors, *value).value_or(false);
    }
  }
  // Overwritten by the Starbase; None allowed (load_default=None).
  load_string(errors, root, "StarbaseAssignedAccount", {.allow_none = true}, nullptr);
}

// BaseAccountRegionPayloadTemplate's fields and its schema validator.
void load_region_fields(SchemaErrors& errors, const Node& root, const RegionUniverse& universe,
                        LoadedTemplate& loaded) {
  const Node* include_node = nullptr;
  templates::StringList include;
  {
    auto step = errors.step("IncludeRegions");
    include_node = templates::present_value(errors, templates::raw_field(root, "IncludeRegions"), root.mark,
                                            {.required = true});
    if (include_node != nullptr) {
      include = templates::deserialize_string_list(errors, *include_node, std::nullopt);
      // validate.Length(min=1) runs on the loaded list, so only when every item loaded.
      if (include.is_list && !include.item_errors) {
        templates::validate_length(errors, include_node->mark, include.valid.size(),
                                   {.min = 1, .max = std::nullopt});
      }
    }
  }
  templates::StringList exclude;
  {
    auto step = errors.step("ExcludeRegions");
    if (const Node* value =
            templates::present_value(errors, templates::raw_field(root, "ExcludeRegions"), root.mark, {})) {
      exclude = templates::deserialize_string_list(errors, *value, std::nullopt);
    }
  }
  load_string(errors, root, "StarbaseAssignedRegion", {.allow_none = true}, nullptr);

  // @validates_schema skips when *any* field of the template has an error, nested ones included.
  if (errors.count() == 0) {
    templates::validate_regions(errors, *include_node, include.valid, exclude.valid, universe,
                                loaded.include_regions, loaded.exclude_regions);
  }
}

}  // namespace

TemplateValidation validate_template(const yaml::Node& root, TemplateKind kind,
                                     const RegionUniverse& regions) {
  TemplateValidation result;
  SchemaErrors errors(result.diagnostics);
  if (root.type != Type::mapping) {
    errors.add(std::string(marshmallow::k_schema_key), templates::first_mark({root.mark}),
               std::string(marshmallow::k_invalid_input_type));
    return result;
  }
  LoadedTemplate loaded;
  loaded.kind = kind;
  load_base_fields(errors, root, loaded);
  if (kind == TemplateKind::account || kind == TemplateKind::account_region) {
    load_account_fields(errors, root, loaded);
  }
  if (kind == TemplateKind::account_region) {
    load_region_fields(errors, root, regions, loaded);
  }
  if (result.diagnostics.empty()) {
    result.loaded = std::move(loaded);
  }
  return result;
}

}  // namespace drydock::workers
