// rankpo init: create an empty project file.
#include "app/cli/command.h"
#include "db/project_store.h"

#include <iostream>

namespace rankpo::cli {
namespace {


void setupInit(CLI::App& root)
{
    auto* cmd = root.add_subcommand("init", "Create an empty project: a file (.rankpo) or a schema on a PostgreSQL server (URL)");
    auto path = std::make_shared<std::string>();
    cmd->add_option("project", *path, "Project file to create (.rankpo), or a server URL postgresql://[user@]host[:port]/dbname?project=NAME")->required();
    cmd->callback([path] {
        auto store = db::ProjectStore::open(*path, db::ProjectStore::OpenMode::Create);
        std::cout << "Created " << store->path() << " (schema " << store->stats().schemaVersion << ")\n";
    });
}

} // namespace

RANKPO_CLI_COMMAND(10, "init", setupInit);

} // namespace rankpo::cli
