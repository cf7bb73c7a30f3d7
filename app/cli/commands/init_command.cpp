// rankpo init: create an empty project file.
#include "app/cli/command.h"
#include "db/project_store.h"

#include <iostream>

namespace rankpo::cli {
namespace {


void setupInit(CLI::App& root)
{
    auto* cmd = root.add_subcommand("init", "Create an empty project file (.rankpo)");
    auto path = std::make_shared<std::string>();
    cmd->add_option("project", *path, "Project file to create")->required();
    cmd->callback([path] {
        auto store = db::ProjectStore::open(*path, db::ProjectStore::OpenMode::Create);
        std::cout << "Created " << *path << " (schema " << store->stats().schemaVersion << ")\n";
    });
}

} // namespace

RANKPO_CLI_COMMAND(10, "init", setupInit);

} // namespace rankpo::cli
