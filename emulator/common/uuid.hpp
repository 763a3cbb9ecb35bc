#pragma once
// Random version-4 UUIDs, as AWS prints SQS MessageIds, Lambda request ids and move-task handles.

#include <random>
#include <string>

namespace drydock::emulator {

// A lower-case RFC 4122 version-4 UUID drawn from `random` (seed it for reproducible ids).
std::string random_uuid(std::mt19937_64& random);

}  // namespace drydock::emulator
