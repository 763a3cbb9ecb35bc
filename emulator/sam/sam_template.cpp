// A SAM template read in named steps: load the YAML keeping CloudFormation's short-form tags, note the
// Parameters and Globals, learn every queue's name, then read each resource Drydock understands.
#include "emulator/sam/sam_template.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "emulator/sam/resource_readers.hpp"
#include "emulator/sam/template_reader.hpp"
#include "workers/validation/template_check.hpp"
#include "workers/yaml/loader.hpp"

namespace drydock::emulator {
namespace {

using detail::child;
using detail::TemplateReader;
using workers::Diagnostic;
using workers::FieldPath;
using workers::Severity;
using workers::yaml::Node;
using workers::yaml::Type;

constexpr std::string_view k_queue_type = "AWS::SQS::Queue";
constexpr std::string_view k_function_type = "AWS::Serverless::Function";
constexpr std::string_view k_bucket_type = "AWS::S3::Bucket";

struct Resource {
  std::string logical_id;
  std::string type;
  const Node* node = nullptr;
};

// Resources whose Type is a string, in template order; reports malformed entries.
std::vector<Resource> list_resources(TemplateReader& reader, const Node& root) {
  std::vector<Resource> out;
  const Node* found = reader.required(root, "Resources", {});
  const Node* resources = found != nullptr ? reader.mapping(found, {std::string("Resources")}) : nullptr;
  if (resources == nullptr) {
    return out;
  }
  for (const auto& entry : resources->entries) {
    if (entry.key->type != Type::string) {
      reader.error(entry.key, {std::string("Resources")}, "logical ids must be strings");
      continue;
    }
    const FieldPath field{std::string("Resources"), entry.key->text};
    const Node* resource = reader.mapping(entry.value, field);
    const Node* type = resource != nullptr ? reader.required(*resource, "Type", field) : nullptr;
    if (type == nullptr) {
      continue;
    }
    if (type->type != Type::string || !reader.intrinsic(*type).function.empty()) {
      reader.error(type, child(field, "Type"), "must be a resource type name such as AWS::SQS::Queue");
      continue;
    }
    out.push_back({entry.key->text, type->text, resource});
  }
  return out;
}

// Globals.Function.Timeout, when set and valid.
std::optional<std::chrono::seconds> global_timeout(TemplateReader& reader, const Node& root) {
  const Node* globals = root.find("Globals");
  const Node* function =
      globals != nullptr && globals->type == Type::mapping ? globals->find("Function") : nullptr;
  const Node* timeout =
      function != nullptr && function->type == Type::mapping ? function->find("Timeout") : nullptr;
  if (timeout == nullptr) {
    return std::nullopt;
  }
  const FieldPath field{std::string("Globals"), std::string("Function"), std::string("Timeout")};
  if (auto seconds = reader.integer(timeout, field, 1, 900, " number of seconds")) {
    return std::chrono::seconds(*seconds);
  }
  return std::nullopt;
}

template <typename T>
const T* find_by(const std::vector<T>& items, std::string_view wanted, std::string T::*member) {
  const auto it =
      std::find_if(items.begin(), items.end(), [&](const T& item) { return item.*member == wanted; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const SamQueue* SamTemplate::queue(std::string_view logical_id) const {
  return find_by(queues, logical_id, &SamQueue::logical_id);
}

const SamQueue* SamTemplate::queue_named(std::string_view name) const {
  return find_by(queues, name, &SamQueue::name);
}

const SamFunction* SamTemplate::function(std::string_view logical_id) const {
  return find_by(functions, logical_id, &SamFunction::logical_id);
}

std::optional<SamQueueConsumer> queue_consumer(const SamTemplate& sam, std::string_view queue_logical_id) {
  for (const SamFunction& function : sam.functions) {
    for (const SamSqsEvent& event : function.sqs_events) {
      if (event.queue == queue_logical_id) {
        return SamQueueConsumer{&function, &event};
      }
    }
  }
  return std::nullopt;
}

std::expected<SamTemplate, std::vector<Diagnostic>> parse_sam_template(std::string_view text,
                                                                       const std::string& display) {
  // 1. YAML, keeping `!GetAtt`, `!Ref`, `!Sub` ... (safe_load would reject every one of them).
  workers::yaml::LoadLimits limits;
  limits.keep_unknown_local_tags = true;
  auto doc = workers::yaml::load(text, limits);
  if (!doc) {
    return std::unexpected(std::vector<Diagnostic>{
        {Severity::error, display, doc.error().mark, {}, "invalid YAML: " + doc.error().message, {}}});
  }
  TemplateReader reader(*doc, display);
  // CloudFormation rejects a template that repeats a key; PyYAML would silently keep the last one.
  for (const auto& dup : doc->duplicate_keys) {
    reader.error_at(dup.duplicate, {},
                    fmt::format("key '{}' is given twice (first on line {})", dup.key, dup.first.line));
  }
  const Node* root = reader.mapping(doc->root(), {});
  if (root == nullptr) {
    return std::unexpected(reader.take());
  }

  // 2. What `!Ref` to a parameter and a function without Timeout fall back to.
  reader.set_parameters(root->find("Parameters"));
  const auto timeout = global_timeout(reader, *root);

  // 3. Every queue's logical id and name, so references can be checked in any order.
  const std::vector<Resource> resources = list_resources(reader, *root);
  std::vector<detail::KnownQueue> known;
  for (const Resource& resource : resources) {
    if (resource.type == k_queue_type) {
      known.push_back({resource.logical_id,
                       detail::literal_queue_name(reader, *resource.node).value_or(resource.logical_id)});
    }
  }
  reader.set_known_queues(std::move(known));

  // 4. The resources themselves; every other type is not emulated and is skipped.
  SamTemplate sam;
  for (const Resource& resource : resources) {
    const FieldPath field{std::string("Resources"), resource.logical_id};
    if (resource.type == k_queue_type) {
      sam.queues.push_back(detail::read_queue(reader, resource.logical_id, *resource.node, field));
    } else if (resource.type == k_function_type) {
      sam.functions.push_back(
          detail::read_function(reader, resource.logical_id, *resource.node, field, timeout));
    } else if (resource.type == k_bucket_type) {
      sam.buckets.push_back(detail::read_bucket(reader, resource.logical_id, *resource.node, field));
    }
  }
  if (!reader.ok()) {
    auto diagnostics = reader.take();
    workers::sort_diagnostics(diagnostics);
    return std::unexpected(std::move(diagnostics));
  }
  return sam;
}

std::expected<SamTemplate, std::vector<Diagnostic>> load_sam_template(const std::filesystem::path& path) {
  const std::string display = path.string();
  auto bytes = workers::read_bounded(path, workers::yaml::LoadLimits{}.max_bytes);
  if (!bytes) {
    return std::unexpected(std::vector<Diagnostic>{
        {Severity::error, display, {}, {}, "cannot read the SAM template: " + bytes.error(), {}}});
  }
  return parse_sam_template(*bytes, display);
}

std::vector<ScheduleRule> schedule_rules(const SamTemplate& sam) {
  std::vector<ScheduleRule> rules;
  for (const SamFunction& function : sam.functions) {
    for (const SamScheduleEvent& event : function.schedule_events) {
      rules.push_back({event.rule_name, event.expression, event.input, event.enabled});
    }
  }
  return rules;
}

}  // namespace drydock::emulator
