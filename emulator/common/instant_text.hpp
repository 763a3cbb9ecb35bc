#pragma once
// Instants as text, the way AWS writes its timestamps: S3 event records' eventTime, the virtual
// clock in reports and `queues`, attempt times in `dlq show`.

#include <string>

#include "emulator/common/clock.hpp"

namespace drydock::emulator {

// `time` as "YYYY-MM-DDTHH:MM:SS.mmmZ" (ISO 8601, UTC, exactly three fractional digits).
std::string format_instant(Instant time);

}  // namespace drydock::emulator
