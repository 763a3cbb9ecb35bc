#pragma once
// MD5 digests as AWS prints them: lower-case hex. SQS reports MD5OfMessageBody and
// MD5OfMessageAttributes with every send and receive; S3 uses the MD5 of an object as its ETag.

#include <string>
#include <string_view>

namespace drydock::emulator {

// The MD5 of `bytes` as 32 lower-case hex digits. Never fails (libcrypto's MD5 needs no provider
// beyond the default one, which is always loaded).
std::string md5_hex(std::string_view bytes);

}  // namespace drydock::emulator
