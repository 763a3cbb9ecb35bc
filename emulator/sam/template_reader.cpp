#include "emulator/sam/template_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace drydock::emulator::detail {
namespace {

using workers::FieldPath;
using workers::yaml::Node;
using workers::yaml::Type;

constexpr int k_render_depth = 3;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// A queue ARN's parts: arn:<partition>:sqs:<region>:<account>:<name>.
std::optional<std::string> queue_name_of_arn(std::string_view arn) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (parts.size() < 5) {
    const auto colon = arn.find(':', start);
    if (colon == std::string_view::npos) {
      return std::nullopt;
    }
    parts.push_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  if (parts[0] != "arn" || parts[2] != "sqs" || start >= arn.size()) {
    return std::nullopt;
  }
  return std::string(arn.substr(start));
}

}  // namespace

std::string Intrinsic::short_tag() const {
  if (function.starts_with("Fn::")) {
    return "!" + function.substr(4);
  }
  return "!" + function;
}

FieldPath child(const FieldPath& path, std::string key) {
  FieldPath out = path;
  out.emplace_back(std::move(key));
  return out;
}

void TemplateReader::error(const Node* at, FieldPath field, std::string message) {
  m_diagnostics.push_back({workers::Severity::error,
                           m_display,
                           at != nullptr ? at->mark : workers::Mark{1, 1},
                           std::move(field),
                           std::move(message),
                           {}});
}

const Node* TemplateReader::parameter_default(std::string_view name) const {
  const Node* parameter = m_parameters != nullptr ? m_parameters->find(name) : nullptr;
  return parameter != nullptr && parameter->type == Type::mapping ? parameter->find("Default") : nullptr;
}

void TemplateReader::error_at(workers::Mark mark, FieldPath field, std::string message) {
  m_diagnostics.push_back(
      {workers::Severity::error, m_display, mark, std::move(field), std::move(message), {}});
}

Intrinsic TemplateReader::intrinsic(const Node& node) const {
  const std::string_view tag = m_doc.tag_of(node);
  if (!tag.empty()) {
    const std::string_view name = tag.substr(1);
    if (name == "Ref" || name == "Condition") {
      return {std::string(name), &node};
    }
    return {"Fn::" + std::string(name), &node};
  }
  // The long form is a mapping of exactly one key naming the function.
  if (node.type == Type::mapping && node.entries.size() == 1 && node.entries[0].key->type == Type::string) {
    const std::string& key = node.entries[0].key->text;
    if (key == "Ref" || key == "Condition" || key.starts_with("Fn::")) {
      return {key, node.entries[0].value};
    }
  }
  return {};
}

namespace {

constexpr std::size_t k_render_items = 4;
constexpr std::size_t k_render_text = 80;

std::string render(const TemplateReader& reader, const Node& node, int depth);

// "[a, b, c, d, ...]": the first few items only.
std::string render_items(const TemplateReader& reader, const Node& node, int depth) {
  std::string out = "[";
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    out += i == 0 ? "" : ", ";
    if (i == k_render_items) {
      out += "...";
      break;
    }
    out += render(reader, *node.items[i], depth + 1);
  }
  return out + "]";
}

// A scalar's text, cut short (at a UTF-8 character boundary) when long.
std::string render_text(const std::string& text) {
  if (text.size() <= k_render_text) {
    return text;
  }
  std::size_t cut = k_render_text;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
    --cut;
  }
  return text.substr(0, cut) + "...";
}

// A short rendering of a value for messages ("!GetAtt Q.QueueUrl", "[Q, Arn]").
std::string render(const TemplateReader& reader, const Node& node, int depth) {
  // Aliases can make a value contain itself.
  if (depth > k_render_depth) {
    return "...";
  }
  const Intrinsic call = reader.intrinsic(node);
  if (!call.function.empty()) {
    if (call.argument != &node) {
      return call.short_tag() + " " + render(reader, *call.argument, depth + 1);
    }
    // A tagged node is its own argument: render its value without looking at the tag again.
    switch (node.type) {
      case Type::sequence: return call.short_tag() + " " + render_items(reader, node, depth);
      case Type::mapping: return call.short_tag() + " {...}";
      default: return call.short_tag() + " " + render_text(node.text);
    }
  }
  switch (node.type) {
    case Type::sequence: return render_items(reader, node, depth);
    case Type::mapping: return "{...}";
    case Type::null: return "null";
    case Type::boolean: return node.boolean ? "true" : "false";
    case Type::floating: return fmt::format("{}", node.number);
    case Type::bytes: return "a !!binary value";
    case Type::set: return "a !!set";
    default: return render_text(node.text);
  }
}

}  // namespace

const Node* TemplateReader::literal(const Node* node, const FieldPath& field) {
  const Intrinsic call = intrinsic(*node);
  if (call.function.empty()) {
    return node;
  }
  if (call.function == "Ref" && call.argument->type == Type::string) {
    const std::string& name = call.argument->text;
    if (const Node* fallback = parameter_default(name)) {
      return fallback;
    }
    if (m_parameters != nullptr && m_parameters->find(name) != nullptr) {
      error(node, field,
            fmt::format("!Ref {}: the parameter has no Default, so its value is known only in a deployment",
                        name));
      return nullptr;
    }
    if (name.starts_with("AWS::")) {
      error(node, field, fmt::format("!Ref {}: a pseudo parameter is known only in a deployment", name));
      return nullptr;
    }
  }
  error(node, field,
        fmt::format("cannot evaluate {} without a deployment (Drydock reads literal values and !Ref to a "
                    "parameter with a Default)",
                    render(*this, *node, 0)));
  return nullptr;
}

std::optional<std::int64_t> TemplateReader::integer(const Node* node, const FieldPath& field,
                                                    std::int64_t min, std::int64_t max,
                                                    std::string_view unit) {
  const Node* value = literal(node, field);
  if (value == nullptr) {
    return std::nullopt;
  }
  std::optional<std::int64_t> number;
  if (value->type == Type::integer) {
    number = value->as_int64();
  } else if (value->type == Type::string && !value->text.empty()) {
    std::int64_t parsed = 0;
    const char* first = value->text.data();
    const char* last = first + value->text.size();
    const auto [end, ec] = std::from_chars(first, last, parsed);
    if (ec == std::errc() && end == last && std::isdigit(static_cast<unsigned char>(value->text[0])) != 0) {
      number = parsed;
    }
  }
  if (!number || *number < min || *number > max) {
    error(node, field, fmt::format("must be an integer{} {}..{}", unit, min, max));
    return std::nullopt;
  }
  return number;
}

std::optional<bool> TemplateReader::boolean(const Node* node, const FieldPath& field) {
  const Node* value = literal(node, field);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (value->type == Type::boolean) {
    return value->boolean;
  }
  if (value->type == Type::string && (lower(value->text) == "true" || lower(value->text) == "false")) {
    return lower(value->text) == "true";
  }
  error(node, field, "must be true or false");
  return std::nullopt;
}

std::optional<std::string> TemplateReader::string(const Node* node, const FieldPath& field) {
  const Node* value = literal(node, field);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (value->type != Type::string) {
    error(node, field, fmt::format("must be a string, found {}", render(*this, *value, 0)));
    return std::nullopt;
  }
  return value->text;
}

const Node* TemplateReader::mapping(const Node* node, const FieldPath& field) {
  if (node->type != Type::mapping || !intrinsic(*node).function.empty()) {
    error(node, field, fmt::format("must be a mapping, found {}", render(*this, *node, 0)));
    return nullptr;
  }
  return node;
}

const Node* TemplateReader::sequence(const Node* node, const FieldPath& field) {
  if (node->type != Type::sequence || !intrinsic(*node).function.empty()) {
    error(node, field, fmt::format("must be a list, found {}", render(*this, *node, 0)));
    return nullptr;
  }
  return node;
}

const Node* TemplateReader::required(const Node& mapping, std::string_view key, const FieldPath& field) {
  const Node* value = mapping.find(key);
  if (value == nullptr) {
    error(&mapping, child(field, std::string(key)), fmt::format("missing required key '{}'", key));
  }
  return value;
}

std::optional<std::string> TemplateReader::queue_reference(const Node* node, const FieldPath& field) {
  constexpr std::string_view k_expected =
      "expected a queue ARN: !GetAtt <Queue>.Arn or arn:aws:sqs:<region>:<account>:<name>";
  const Intrinsic call = intrinsic(*node);
  if (call.function == "Fn::GetAtt") {
    // `Q.Arn` or [Q, Arn]; attribute names may hold dots themselves, the resource's never does.
    std::string resource;
    std::string attribute;
    const Node& argument = *call.argument;
    if (argument.type == Type::string) {
      const auto dot = argument.text.find('.');
      resource = argument.text.substr(0, dot);
      attribute = dot == std::string::npos ? "" : argument.text.substr(dot + 1);
    } else if (argument.type == Type::sequence && argument.items.size() == 2 &&
               argument.items[0]->type == Type::string && argument.items[1]->type == Type::string) {
      resource = argument.items[0]->text;
      attribute = argument.items[1]->text;
    } else {
      error(node, field, fmt::format("{}, found {}", k_expected, render(*this, *node, 0)));
      return std::nullopt;
    }
    const auto known = std::find_if(m_queues.begin(), m_queues.end(),
                                    [&](const KnownQueue& queue) { return queue.logical_id == resource; });
    if (known == m_queues.end()) {
      error(node, field,
            fmt::format("{} names no AWS::SQS::Queue in this template (no queue has the logical id '{}')",
                        render(*this, *node, 0), resource));
      return std::nullopt;
    }
    if (attribute != "Arn") {
      error(node, field,
            fmt::format("expected the queue's ARN (!GetAtt {}.Arn), found {}", resource,
                        render(*this, *node, 0)));
      return std::nullopt;
    }
    return resource;
  }
  const Node* value = node;
  if (!call.function.empty()) {
    if (call.function != "Ref") {
      error(node, field, fmt::format("{}, found {}", k_expected, render(*this, *node, 0)));
      return std::nullopt;
    }
    const bool names_queue = call.argument->type == Type::string &&
                             std::any_of(m_queues.begin(), m_queues.end(), [&](const KnownQueue& queue) {
                               return queue.logical_id == call.argument->text;
                             });
    if (names_queue) {
      error(
          node, field,
          fmt::format("!Ref of a queue gives its URL, not its ARN; use !GetAtt {}.Arn", call.argument->text));
      return std::nullopt;
    }
    value = literal(node, field);
    if (value == nullptr) {
      return std::nullopt;
    }
  }
  if (value->type == Type::string) {
    if (const auto name = queue_name_of_arn(value->text)) {
      const auto known = std::find_if(m_queues.begin(), m_queues.end(),
                                      [&](const KnownQueue& queue) { return queue.name == *name; });
      if (known != m_queues.end()) {
        return known->logical_id;
      }
      error(node, field,
            fmt::format("{} names queue '{}', which is not in this template", value->text, *name));
      return std::nullopt;
    }
  }
  error(node, field, fmt::format("{}, found {}", k_expected, render(*this, *value, 0)));
  return std::nullopt;
}

}  // namespace drydock::emulator::detail
