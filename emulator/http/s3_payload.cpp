#include "emulator/http/s3_payload.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>

#include "emulator/common/base64.hpp"
#include "emulator/common/checksums.hpp"
#include "emulator/http/aws_chunked.hpp"

namespace drydock::emulator::http {
namespace {

constexpr std::array<ChecksumAlgorithm, 4> k_algorithms = {
    ChecksumAlgorithm::crc32, ChecksumAlgorithm::crc32c, ChecksumAlgorithm::sha1, ChecksumAlgorithm::sha256};

bool is_aws_chunked(const HttpRequest& request) {
  const std::string_view sha = request.header("x-amz-content-sha256").value_or("");
  const std::string_view encoding = request.header("Content-Encoding").value_or("");
  return sha.starts_with("STREAMING-") || encoding.find("aws-chunked") != std::string_view::npos;
}

std::expected<std::optional<std::uint64_t>, S3Error> decoded_length(const HttpRequest& request) {
  const auto text = request.header("x-amz-decoded-content-length");
  if (!text) {
    return std::nullopt;
  }
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size()) {
    return std::unexpected(invalid_argument_error(
        fmt::format("x-amz-decoded-content-length '{}' is not a number of bytes", *text)));
  }
  return value;
}

bool is_hex_sha256(std::string_view text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
}

std::expected<void, S3Error> check_md5(const HttpRequest& request, std::string_view bytes) {
  const auto md5 = request.header("Content-MD5");
  if (!md5) {
    return {};
  }
  const auto digest = base64_decode(*md5);
  if (!digest || digest->size() != 16) {
    return std::unexpected(S3Error{"InvalidDigest", "The Content-MD5 you specified was invalid."});
  }
  if (md5_base64(bytes) != *md5) {
    return std::unexpected(
        S3Error{"BadDigest", "The Content-MD5 you specified did not match what we received."});
  }
  return {};
}

std::expected<void, S3Error> check_content_sha256(const HttpRequest& request, std::string_view bytes) {
  const std::string_view sha = request.header("x-amz-content-sha256").value_or("");
  if (!is_hex_sha256(sha)) {
    return {};  // UNSIGNED-PAYLOAD, STREAMING-…, or absent
  }
  std::string wanted(sha);
  for (char& c : wanted) {
    c = static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
  }
  if (sha256_hex(bytes) != wanted) {
    return std::unexpected(
        S3Error{"XAmzContentSHA256Mismatch",
                "The provided 'x-amz-content-sha256' header does not match what was computed."});
  }
  return {};
}

}  // namespace

std::expected<Payload, S3Error> read_payload(const HttpRequest& request, std::size_t max_bytes) {
  Payload payload;
  AwsChunkedBody chunked;
  if (is_aws_chunked(request)) {
    auto length = decoded_length(request);
    if (!length) {
      return std::unexpected(length.error());
    }
    auto decoded = decode_aws_chunked(request.body, *length, max_bytes);
    if (!decoded) {
      return std::unexpected(
          S3Error{"InvalidRequest", fmt::format("The aws-chunked body cannot be read: {}", decoded.error())});
    }
    chunked = std::move(*decoded);
    payload.bytes = std::move(chunked.bytes);
  } else {
    payload.bytes = request.body;
  }
  if (payload.bytes.size() > max_bytes) {
    return std::unexpected(
        S3Error{"EntityTooLarge",
                fmt::format("Your proposed upload exceeds the maximum allowed size ({} bytes in one "
                            "request here; larger objects go in a multipart upload)",
                            max_bytes)});
  }
  if (auto md5 = check_md5(request, payload.bytes); !md5) {
    return std::unexpected(md5.error());
  }
  if (auto sha = check_content_sha256(request, payload.bytes); !sha) {
    return std::unexpected(sha.error());
  }
  for (const auto algorithm : k_algorithms) {
    const std::string_view name = checksum_header_name(algorithm);
    auto sent = request.header(name);
    if (!sent) {
      sent = find_trailer(chunked, name);
    }
    if (!sent) {
      continue;
    }
    if (auto verified = verify_checksum(algorithm, payload.bytes, *sent); !verified) {
      const bool mismatch = verified.error().kind == ChecksumError::Kind::mismatch;
      return std::unexpected(S3Error{mismatch ? "BadDigest" : "InvalidRequest", verified.error().message});
    }
    payload.checksums.emplace_back(std::string(name), std::string(*sent));
  }
  return payload;
}

}  // namespace drydock::emulator::http
