// SqsService::Group: several operations in one store transaction (sqs_service.hpp).

#include "emulator/sqs/queue_store.hpp"
#include "emulator/sqs/sqs_service.hpp"

namespace drydock::emulator {

std::expected<SqsService::Group, SqsError> SqsService::group() {
  return guarded(m_store.db(), [&]() -> std::expected<Group, SqsError> {
    return Group(std::make_unique<Transaction>(m_store.db()));
  });
}

std::expected<void, SqsError> SqsService::Group::commit() {
  try {
    m_transaction->commit();
  } catch (const StoreFailure& failure) {
    return std::unexpected(sqs_errors::store_failure(failure.what(), failure.busy()));
  }
  return {};
}

}  // namespace drydock::emulator
