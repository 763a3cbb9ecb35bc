#include <algorithm>
#include <map>
#include <ostream>
#include <set>
#include <string>

#include <fmt/format.h>

#include "cli/render/plan_renderers.hpp"

namespace drydock::cli {
namespace {

using emulator::AccountRef;
using emulator::TemplatePlan;
using workers::TemplateKind;

constexpr std::size_t k_max_rows = 200;  // beyond this, --format json has the whole list

// AWS's short region codes: us-east-1 → use1, ap-southeast-2 → apse2, eu-central-1 → euc1.
std::string short_region(const std::string& region) {
  std::string out;
  std::size_t start = 0;
  int part = 0;
  while (start <= region.size()) {
    auto end = region.find('-', start);
    auto piece = region.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (part == 0) {
      out += piece;
    } else if (end == std::string::npos) {
      out += piece;  // the number
    } else {
      for (std::string_view dir : {"north", "south", "east", "west", "central"}) {
        if (piece.starts_with(dir)) {
          out += piece.substr(0, 1);
          piece = piece.substr(dir.size());
          if (!piece.empty()) {
            out += piece.substr(0, 1);  // northeast → ne
          }
          break;
        }
      }
      if (piece == "gov") {
        out += "g";
      }
    }
    if (end == std::string::npos) {
      break;
    }
    start = end + 1;
    ++part;
  }
  return out;
}

std::string account_label(const emulator::Account& a, std::size_t width) {
  std::string name = a.name.size() > width - 14 ? a.name.substr(0, width - 15) + "~" : a.name;
  return fmt::format("{:<{}} {}", name, width - 13, a.id);
}

// Upstream tasks accounts whatever their status; say so where it matters.
std::string status_note(const emulator::Account& a) {
  return a.status == "ACTIVE" || a.status.empty() ? std::string()
                                                  : fmt::format("  ({}: tasked anyway)", a.status);
}

std::vector<AccountRef> by_id(const emulator::AccountIndex& index, std::vector<AccountRef> refs) {
  std::sort(refs.begin(), refs.end(),
            [&](AccountRef a, AccountRef b) { return index.account(a).id < index.account(b).id; });
  return refs;
}

void left_out_rows(const TemplatePlan& plan, const emulator::AccountIndex& index, std::size_t width,
                   std::string& out) {
  for (auto ref : by_id(index, plan.excluded)) {
    out += fmt::format("  {}  - excluded by ExcludeAccounts\n", account_label(index.account(ref), width));
  }
  if (plan.org_root_skipped) {
    out += fmt::format("  {}  - org root: needs OperateInOrgRoot: True\n",
                       account_label(index.account(*plan.org_root_skipped), width));
  }
}

void account_table(const TemplatePlan& plan, const emulator::AccountIndex& index, std::string& out) {
  constexpr std::size_t width = 40;
  std::size_t shown = 0;
  for (auto ref : by_id(index, plan.accounts)) {
    if (shown++ == k_max_rows) {
      out += fmt::format("  ... {} more\n", plan.accounts.size() - k_max_rows);
      break;
    }
    out +=
        fmt::format("  {}  x{}\n", account_label(index.account(ref), width), status_note(index.account(ref)));
  }
  left_out_rows(plan, index, width, out);
}

void account_region_grid(const TemplatePlan& plan, const emulator::AccountIndex& index,
                         const workers::RegionUniverse& universe, std::string& out) {
  constexpr std::size_t width = 36;
  // Columns: the universe's regions (the ones a template can name), plus any the accounts got.
  std::set<std::string> columns(universe.sorted().begin(), universe.sorted().end());
  for (const auto& entry : plan.account_regions) {
    columns.insert(entry.regions.begin(), entry.regions.end());
  }
  std::vector<std::string> cols(columns.begin(), columns.end());
  std::vector<std::string> codes;
  std::size_t height = 0;
  for (const auto& c : cols) {
    codes.push_back(short_region(c));
    height = std::max(height, codes.back().size());
  }
  const auto gap = [](std::size_t i) { return i > 0 && i % 5 == 0 ? " " : ""; };
  for (std::size_t row = 0; row < height; ++row) {  // region codes written downwards
    std::string line(width + 3, ' ');
    for (std::size_t i = 0; i < codes.size(); ++i) {
      line += gap(i);
      line += row < codes[i].size() ? codes[i][row] : ' ';
    }
    out += line + "\n";
  }
  std::size_t shown = 0;
  for (const auto& entry : plan.account_regions) {
    if (shown++ == k_max_rows) {
      out += fmt::format("  ... {} more accounts\n", plan.account_regions.size() - k_max_rows);
      break;
    }
    std::string cells;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      cells += gap(i);
      cells += std::binary_search(entry.regions.begin(), entry.regions.end(), cols[i]) ? 'x' : '.';
    }
    out += fmt::format("  {} {} {:>3}{}\n", account_label(index.account(entry.account), width), cells,
                       entry.regions.size(), status_note(index.account(entry.account)));
  }
  left_out_rows(plan, index, width, out);
  out += fmt::format("  {:<{}} columns: {}\n", "", width, "x = a message for that account and region");
}

}  // namespace

void render_plan_table(const std::vector<TemplatePlan>& plans, const emulator::AccountIndex& index,
                       const workers::RegionUniverse& regions, std::ostream& stream) {
  std::string out;
  for (const auto& plan : plans) {
    out += fmt::format("{}  ({}{})\n", plan.display, workers::to_string(plan.kind),
                       plan.worker.empty() ? std::string() : ", worker " + plan.worker);
    if (!plan.ok()) {
      for (const auto& d : plan.diagnostics) {
        out += "  " + workers::format_diagnostic(d) + "\n";
      }
      out += "  not planned: upstream's Starbase rejects this template\n\n";
      continue;
    }
    switch (plan.kind) {
      case TemplateKind::single_invocation:
        out += "  1 message (SINGLE_INVOCATION: the template itself)\n\n";
        continue;
      case TemplateKind::account:
        account_table(plan, index, out);
        out += fmt::format("  {} accounts -> {} messages\n\n", plan.accounts.size(), plan.message_count());
        continue;
      case TemplateKind::account_region:
        account_region_grid(plan, index, regions, out);
        out += fmt::format("  {} accounts, {} account/region pairs -> {} messages\n\n",
                           plan.account_regions.size(), plan.message_count(), plan.message_count());
        continue;
    }
  }
  if (out.ends_with("\n\n")) {
    out.pop_back();  // a blank line separates templates; none after the last
  }
  stream << out;
}

}  // namespace drydock::cli
