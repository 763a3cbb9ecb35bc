#include "cli/dlq/dead_letters.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <ostream>
#include <set>

#include "cli/app.hpp"
#include "cli/project_context.hpp"

namespace drydock::cli {

using emulator::QueuePair;

std::expected<std::vector<const QueuePair*>, int> select_pairs(const emulator::CloudLayout& layout,
                                                               const std::optional<std::string>& worker,
                                                               std::ostream& err) {
  std::vector<const QueuePair*> all;
  if (layout.fan_out) {
    all.push_back(&*layout.fan_out);
  }
  for (const auto& pair : layout.workers) {
    all.push_back(&pair);
  }
  if (!worker) {
    return all;
  }
  for (const QueuePair* pair : all) {
    if (pair->owner == *worker) {
      return std::vector{pair};
    }
  }
  std::string known;
  for (const QueuePair* pair : all) {
    known += (known.empty() ? "" : ", ") + pair->owner;
  }
  print_error(err, fmt::format("unknown worker '{}' (the project's queues belong to: {})", *worker,
                               known.empty() ? "none" : known));
  return std::unexpected(k_exit_usage);
}

std::expected<std::pair<std::vector<std::string>, std::optional<std::string>>, std::string> split_arguments(
    const emulator::CloudLayout& layout, const std::vector<std::string>& arguments, bool all,
    std::string_view verb) {
  std::vector<std::string> ids;
  std::optional<std::string> worker;
  auto is_owner = [&](const std::string& name) {
    if (layout.fan_out && layout.fan_out->owner == name) {
      return true;
    }
    return std::any_of(layout.workers.begin(), layout.workers.end(),
                       [&](const QueuePair& pair) { return pair.owner == name; });
  };
  for (const std::string& argument : arguments) {
    if (!is_owner(argument)) {
      ids.push_back(argument);
    } else if (worker) {
      return std::unexpected(fmt::format("two workers given ({} and {}); {} one worker's DLQ at a time",
                                         *worker, argument, verb));
    } else {
      worker = argument;
    }
  }
  if (all == !ids.empty()) {
    return std::unexpected(all ? std::string("give either --all or message ids, not both")
                               : fmt::format("give the ids of the dead letters to {}, or --all", verb));
  }
  return std::pair{std::move(ids), std::move(worker)};
}

std::vector<std::string> dlq_names(const std::vector<const QueuePair*>& pairs) {
  std::vector<std::string> names;
  for (const QueuePair* pair : pairs) {
    names.push_back(pair->dlq.name);
  }
  return names;
}

std::expected<std::vector<DeadLetter>, int> load_dead_letters(emulator::Cloud& cloud,
                                                              const std::vector<const QueuePair*>& pairs,
                                                              std::ostream& err) {
  emulator::AttemptHistory history(cloud.store());
  std::vector<DeadLetter> letters;
  for (const QueuePair* pair : pairs) {
    auto messages = cloud.sqs().peek_messages(pair->dlq.name);
    if (!messages) {
      return std::unexpected(print_sqs_failure(err, messages.error()));
    }
    auto attempts = history.attempts_in_queue(pair->dlq.name);
    if (!attempts) {
      print_error(err, attempts.error());
      return std::unexpected(k_exit_usage);
    }
    for (auto& message : *messages) {
      DeadLetter letter{.pair = pair, .seq = 0, .message = std::move(message), .attempts = {}};
      if (auto found = attempts->find(letter.message.message_id); found != attempts->end()) {
        letter.seq = found->second.front().seq;
        letter.attempts = std::move(found->second);
      }
      letters.push_back(std::move(letter));
    }
  }
  return letters;
}

std::expected<std::vector<DeadLetter>, int> find_dead_letters(emulator::Cloud& cloud,
                                                              const std::vector<const QueuePair*>& pairs,
                                                              const std::vector<std::string>& ids,
                                                              std::ostream& err) {
  std::vector<std::string> unique;
  for (const std::string& id : ids) {
    if (std::find(unique.begin(), unique.end(), id) == unique.end()) {
      unique.push_back(id);
    }
  }
  const std::vector<std::string> dlqs = dlq_names(pairs);
  auto located = emulator::find_messages(cloud.sqs(), unique, dlqs);
  if (!located) {
    return std::unexpected(print_sqs_failure(err, located.error()));
  }
  std::vector<std::string> missing;
  for (std::size_t k = 0; k < unique.size(); ++k) {
    if (!(*located)[k]) {
      missing.push_back(unique[k]);
    }
  }
  if (!missing.empty()) {
    // Say where an id is when it is not a dead letter: a common slip is an id from a worker's queue.
    auto elsewhere = emulator::find_messages(cloud.sqs(), missing);
    std::vector<std::string> described;
    for (std::size_t k = 0; k < missing.size(); ++k) {
      const bool found = elsewhere && (*elsewhere)[k];
      described.push_back(found ? fmt::format("{} (in {}, not a DLQ)", missing[k], (*elsewhere)[k]->queue)
                                : missing[k]);
    }
    print_error(err, fmt::format("no dead letter {} {} in {}; nothing was changed (see 'drydock dlq list')",
                                 missing.size() == 1 ? "has the id" : "has the ids",
                                 fmt::join(described, ", "), fmt::join(dlqs, ", ")));
    return std::unexpected(k_exit_usage);
  }
  emulator::AttemptHistory history(cloud.store());
  std::map<std::string, std::vector<emulator::PeekedMessage>> peeked;  // by queue, read once each
  std::vector<DeadLetter> letters;
  for (std::size_t k = 0; k < unique.size(); ++k) {
    const emulator::MessageLocation& location = *(*located)[k];
    auto [entry, fresh] = peeked.try_emplace(location.queue);
    if (fresh) {
      auto messages = cloud.sqs().peek_messages(location.queue);
      if (!messages) {
        return std::unexpected(print_sqs_failure(err, messages.error()));
      }
      entry->second = std::move(*messages);
    }
    auto message = std::find_if(entry->second.begin(), entry->second.end(),
                                [&](const emulator::PeekedMessage& m) { return m.message_id == unique[k]; });
    auto attempts = history.attempts_of(location.seq, unique[k]);
    if (message == entry->second.end() || !attempts) {
      print_error(err, attempts ? fmt::format("dead letter {} disappeared while it was read", unique[k])
                                : attempts.error());
      return std::unexpected(k_exit_usage);
    }
    const auto pair = std::find_if(pairs.begin(), pairs.end(),
                                   [&](const QueuePair* p) { return p->dlq.name == location.queue; });
    letters.push_back(DeadLetter{
        .pair = *pair, .seq = location.seq, .message = *message, .attempts = std::move(*attempts)});
  }
  return letters;
}

int attempt_count(const DeadLetter& letter) {
  if (!letter.attempts.empty()) {
    return static_cast<int>(letter.attempts.size());
  }
  int count = 0;
  if (auto found = letter.message.attributes.find("ApproximateReceiveCount");
      found != letter.message.attributes.end()) {
    std::from_chars(found->second.data(), found->second.data() + found->second.size(), count);
  }
  return count;
}

int print_sqs_failure(std::ostream& err, const emulator::SqsError& error) {
  print_error(err, fmt::format("{}: {}", error.code, error.message));
  return k_exit_usage;
}

void collect_history_garbage(emulator::Cloud& cloud, std::ostream& err) {
  emulator::AttemptHistory history(cloud.store());
  if (auto collected = history.collect_garbage(); !collected) {
    err << "drydock: warning: cannot drop the history of deleted messages: " << collected.error() << '\n';
  }
}

std::expected<std::vector<DeadLetter>, int> select_dead_letters(emulator::Cloud& cloud,
                                                                const std::optional<std::string>& worker,
                                                                const std::vector<std::string>& ids, bool all,
                                                                std::ostream& err) {
  auto pairs = select_pairs(cloud.layout(), worker, err);
  if (!pairs) {
    return std::unexpected(pairs.error());
  }
  return all ? load_dead_letters(cloud, *pairs, err) : find_dead_letters(cloud, *pairs, ids, err);
}

}  // namespace drydock::cli
