#include "cli/schema_command.hpp"

#include <ostream>

#include "cli/app.hpp"
#include "cli/project_context.hpp"
#include "workers/schema/template_kind_schema.hpp"

namespace drydock::cli {

int run_schema(const SchemaOptions& options, std::ostream& out, std::ostream& err) {
  auto kind = workers::parse_template_kind(options.kind);
  if (!kind) {
    print_error(err, "KIND must be SINGLE_INVOCATION, ACCOUNT or ACCOUNT_REGION, not '" + options.kind + "'");
    return k_exit_usage;
  }
  auto context = load_project_context(options.project_dir, options.regions, err);
  if (!context) {
    return context.error();
  }
  out << workers::template_kind_schema(*kind, context->regions).dump(2) << '\n';
  return k_exit_ok;
}

}  // namespace drydock::cli
