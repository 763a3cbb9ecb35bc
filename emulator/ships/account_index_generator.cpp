#include "emulator/ships/account_index_generator.hpp"

#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "emulator/common/instant_text.hpp"

namespace drydock::emulator {
namespace {

// "2026-01-01T00:00:00Z": upstream's datetime.now(UTC) without microseconds, isoformat() + "Z".
std::string generated_time(Instant now) {
  std::string text = format_instant(now);  // "...T00:00:00.000Z"
  return text.substr(0, text.size() - 5) + "Z";
}

// The field's string, or "" with marshmallow's message for it added to `errors` ("'Key': ['...']").
std::string required_string(const nlohmann::json& payload, const char* key, std::string& errors) {
  const auto it = payload.find(key);
  if (it == payload.end() || !it->is_string()) {
    errors += fmt::format("{}'{}': ['{}']", errors.empty() ? "" : ", ", key,
                          it == payload.end() ? "Missing data for required field." : "Not a valid string.");
    return {};
  }
  return it->get<std::string>();
}

}  // namespace

workers::InvocationResult AccountIndexGeneratorShip::invoke(const std::string& event_json,
                                                            const workers::InvocationContext& context) {
  const std::lock_guard lock(m_mutex);
  const auto start = std::chrono::steady_clock::now();
  workers::InvocationResult result;
  auto finish = [&](bool ok) {
    result.succeeded = ok;
    result.duration =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    return result;
  };
  const auto event = nlohmann::json::parse(event_json, nullptr, /*allow_exceptions=*/false);
  if (event.is_discarded() || !event.contains("Records") || !event["Records"].is_array()) {
    result.error = "KeyError: 'Records'";
    return finish(false);
  }
  const bool commit = context.commit.has_value();
  for (const auto& record : event["Records"]) {
    const auto payload = record.contains("body") && record["body"].is_string()
                             ? nlohmann::json::parse(record["body"].get<std::string>(), nullptr, false)
                             : nlohmann::json();
    if (!payload.is_object()) {
      result.error = "the record's body is not a JSON object";
      return finish(false);
    }
    std::string error;
    const std::string bucket = required_string(payload, "AccountInventoryBucket", error);
    const std::string region = required_string(payload, "InventoryBucketRegion", error);
    if (!error.empty()) {
      result.error = "ValidationError: {" + error + "}";
      return finish(false);
    }
    std::string key = "accountIndex.json";
    if (const auto it = payload.find("InventoryObjectPrefix"); it != payload.end() && it->is_string()) {
      key = it->get<std::string>();
    }
    result.output_tail +=
        fmt::format("[📡] {} accounts in the fixture organization (drydock.yaml's account_index)\n",
                    m_organization.accounts.size());
    if (!commit) {
      result.output_tail += "[⚠️] Commit flag is disabled: not saving report to S3\n";
      continue;
    }
    Organization organization = m_organization;
    organization.generated = generated_time(m_clock.now());
    if (!m_s3.bucket(bucket)) {
      if (auto created = m_s3.create_bucket(bucket, m_buckets_dir / bucket); !created) {
        result.error = fmt::format("ClientError: CreateBucket {}: {}: {}", bucket, created.error().code,
                                   created.error().message);
        return finish(false);
      }
    }
    if (auto put = m_s3.put_object(bucket, key, to_index_json(organization)); !put) {
      result.error = fmt::format("ClientError: PutObject s3://{}/{}: {}: {}", bucket, key, put.error().code,
                                 put.error().message);
      return finish(false);
    }
    result.output_tail += fmt::format("[🪣] Saving the report as {} in {} ({})\n", key, bucket, region);
  }
  return finish(true);
}

}  // namespace drydock::emulator
