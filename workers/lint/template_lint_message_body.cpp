#include <algorithm>
#include <string>
#include <unordered_set>
#include <variant>

#include <fmt/format.h>

#include "workers/lint/template_lint_checks.hpp"
#include "workers/marshmallow/python_values.hpp"
#include "workers/templates/schema_errors.hpp"
#include "workers/yaml/python_json.hpp"

namespace drydock::workers::lint {
namespace {

using yaml::Node;
using yaml::Type;

constexpr std::string_view k_never_sent =
    "upstream validates the template, but its Starbase's json.dumps raises {}, so the worker message is "
    "never "
    "sent";

// Finds every value json.dumps cannot write, and containers that contain themselves. Each container
// is walked once (aliases can fan out enormously); the path is kept as borrowed steps and built only
// for a warning.
class SerializableWalk {
 public:
  explicit SerializableWalk(std::vector<Diagnostic>& out) : m_out(out) {}

  void walk(const Node& node) {
    switch (node.type) {
      case Type::date:
      case Type::datetime:
      case Type::bytes:
      case Type::set: report_value(node); return;
      case Type::sequence: {
        if (!enter(node)) {
          return;
        }
        std::int64_t index = 0;
        for (const Node* item : node.items) {
          m_path.emplace_back(index++);
          walk(*item);
          m_path.pop_back();
        }
        m_open.pop_back();
        return;
      }
      case Type::mapping: {
        if (!enter(node)) {
          return;
        }
        for (const auto& entry : node.entries) {
          m_path.emplace_back(entry.key);
          if (entry.key->type == Type::date || entry.key->type == Type::datetime ||
              entry.key->type == Type::bytes) {
            report_key(*entry.key);
          }
          walk(*entry.value);
          m_path.pop_back();
        }
        m_open.pop_back();
        return;
      }
      default: return;
    }
  }

  std::size_t reported() const { return m_reported; }

 private:
  // False when the container was walked before (an alias: nothing new to find) or is being walked
  // now, which makes the document cyclic: json.dumps raises on it.
  bool enter(const Node& node) {
    if (std::find(m_open.begin(), m_open.end(), &node) != m_open.end()) {
      add(node.mark, "the value contains itself (a cyclic alias); " +
                         fmt::format(fmt::runtime(k_never_sent), "ValueError: Circular reference detected"));
      return false;
    }
    if (!m_visited.insert(&node).second) {
      return false;
    }
    m_open.push_back(&node);
    return true;
  }

  FieldPath path() const {
    FieldPath path;
    for (const auto& step : m_path) {
      if (const auto* key = std::get_if<const Node*>(&step)) {
        path.push_back(marshmallow::key_path_element(**key));
      } else {
        path.emplace_back(std::get<std::int64_t>(step));
      }
    }
    return path;
  }

  void report_value(const Node& node) {
    const std::string type(yaml::python_type_name(node.type));
    const std::string python_error = "TypeError: Object of type " + type + " is not JSON serializable";
    std::string message;
    if (node.type == Type::date || node.type == Type::datetime) {
      message = fmt::format("{} is read by YAML 1.1 as a {}; ", node.text, type) +
                fmt::format(fmt::runtime(k_never_sent), python_error) +
                fmt::format(". Quote it: '{}'", node.text);
    } else if (node.type == Type::bytes) {
      message = "a !!binary value is read as bytes; " + fmt::format(fmt::runtime(k_never_sent), python_error);
    } else {
      message = "a !!set value is read as a Python set; " +
                fmt::format(fmt::runtime(k_never_sent), python_error) + ". Use a list";
    }
    add(node.mark, std::move(message));
  }

  void report_key(const Node& key) {
    const std::string qualified = key.type == Type::date       ? "datetime.date"
                                  : key.type == Type::datetime ? "datetime.datetime"
                                                               : "bytes";
    const std::string python_error =
        "TypeError: keys must be str, int, float, bool or None, not " + qualified;
    std::string message = key.type == Type::bytes ? std::string("a !!binary key is read as bytes; ")
                                                  : fmt::format("the key {} is read by YAML 1.1 as a {}; ",
                                                                key.text, yaml::python_type_name(key.type));
    message += fmt::format(fmt::runtime(k_never_sent), python_error);
    if (key.type != Type::bytes) {
      message += fmt::format(". Quote it: '{}'", key.text);
    }
    add(key.mark, std::move(message));
  }

  void add(Mark mark, std::string message) {
    ++m_reported;
    m_out.push_back(Diagnostic{Severity::warning,
                               {},
                               templates::first_mark({mark}),
                               path(),
                               std::move(message),
                               std::string(k_code_not_json_serializable)});
  }

  std::vector<Diagnostic>& m_out;
  std::vector<std::variant<const Node*, std::int64_t>> m_path;
  std::unordered_set<const Node*> m_visited;
  std::vector<const Node*> m_open;  // containers on the current path
  std::size_t m_reported = 0;
};

// Sets `key` to a str `value` in a shallow copy of a mapping, in place if present (as Python's
// dict assignment does), else at the end.
void assign(Node& body, const Node& key, const Node& value) {
  for (auto& entry : body.entries) {
    if (entry.key->type == Type::string && entry.key->text == key.text) {
      entry.value = &value;
      return;
    }
  }
  body.entries.push_back(yaml::Entry{&key, &value});
}

Node string_node(std::string text) {
  Node node;
  node.type = Type::string;
  node.text = std::move(text);
  return node;
}

void warn_size(const Node& root, std::string message, std::vector<Diagnostic>& out) {
  out.push_back(Diagnostic{Severity::warning,
                           {},
                           templates::first_mark({root.mark}),
                           {},
                           std::move(message),
                           std::string(k_code_message_too_large)});
}

void check_size(const Node& root, TemplateKind kind, std::size_t size, std::vector<Diagnostic>& out) {
  if (size > k_sqs_max_bytes) {
    warn_size(root,
              fmt::format(
                  "the worker message body is {} bytes, over SQS's 1 MiB message limit (1,048,576 bytes): "
                  "SQS rejects it, so upstream's Starbase fails on this template (retried until the fan-out "
                  "message is dead-lettered) and no worker ever runs it",
                  size),
              out);
    return;
  }
  const auto batch = size * k_starbase_batch_entries;
  if (kind != TemplateKind::single_invocation && batch > k_sqs_max_bytes) {
    warn_size(
        root,
        fmt::format(
            "each worker message body is {} bytes, so a full batch of {} is {} bytes, over SQS's 1 MiB "
            "batch limit (1,048,576 bytes): when the template targets {} or more {}, SQS rejects "
            "upstream's SendMessageBatch (BatchRequestTooLong) and the Starbase fan-out fails and is "
            "retried until dead-lettered; at most {} such messages fit in one batch",
            size, k_starbase_batch_entries, batch, k_starbase_batch_entries,
            kind == TemplateKind::account ? "accounts" : "account/region pairs", k_sqs_max_bytes / size),
        out);
  }
}

}  // namespace

void lint_message_body(const Node& root, TemplateKind kind, std::vector<Diagnostic>& out) {
  SerializableWalk walk(out);
  walk.walk(root);
  if (root.type != Type::mapping) {
    return;  // rejected by the schema: never sent
  }

  // The body upstream sends: the original mapping with the Starbase's fields set (worst case:
  // the longest region name of the default universe).
  Node body = root;
  const Node account_key = string_node("StarbaseAssignedAccount");
  const Node account = string_node("123456789012");
  const Node region_key = string_node("StarbaseAssignedRegion");
  const Node region = string_node("ap-southeast-4");
  if (kind != TemplateKind::single_invocation) {
    assign(body, account_key, account);
  }
  if (kind == TemplateKind::account_region) {
    assign(body, region_key, region);
  }

  yaml::DumpLimits limits;
  limits.max_output_bytes = k_sqs_max_bytes;
  auto text = yaml::dumps(body, limits);
  if (text) {
    check_size(root, kind, text->size(), out);
    return;
  }
  const auto& error = text.error();
  if (!error.python_error.empty()) {
    if (walk.reported() == 0) {  // e.g. an int too long for Python's str()
      out.push_back(
          Diagnostic{Severity::warning,
                     {},
                     templates::first_mark({error.mark}),
                     error.field,
                     error.message + "; " + fmt::format(fmt::runtime(k_never_sent), error.python_error),
                     std::string(k_code_not_json_serializable)});
    }
  } else if (error.message.find("exceed") != std::string::npos) {
    warn_size(
        root,
        "the worker message body is over SQS's 1 MiB message limit (1,048,576 bytes): SQS rejects it, so "
        "upstream's Starbase fails on this template (retried until the fan-out message is dead-lettered) and "
        "no worker ever runs it",
        out);
  }
}

}  // namespace drydock::workers::lint
