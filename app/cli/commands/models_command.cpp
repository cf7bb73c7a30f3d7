// rankpo models: the models that `--model NAME` accepts (built-in, and with --project the project's models and
// trained runs).
#include "app/cli/command.h"
#include "core/model/memory_estimate.h"
#include "core/model/model_folder.h"
#include "core/model/model_resolver.h"
#include "core/util/error.h"
#include "db/project_model_resolver.h"
#include "db/project_store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

namespace rankpo::cli {
namespace {

void run(bool json, const std::string& project)
{
    std::unique_ptr<db::ProjectStore> store;
    if (!project.empty())
        store = db::ProjectStore::open(project);
    const ModelCatalog catalog = store ? db::projectModelCatalog(*store) : ModelCatalog();
    nlohmann::json rows = nlohmann::json::array();
    for (const ModelEntry& e : catalog.list()) {
        nlohmann::json row = {{"name", e.name}, {"folder", e.folder.string()}, {"origin", e.origin}};
        try {
            const ModelFolder m = ModelFolder::open(e.folder);
            row["dim"] = m.config.hiddenSize;
            row["pooling"] = poolingName(m.pooling);
            row["max_length"] = m.maxSeqLength;
            row["layers"] = m.config.numLayers;
            row["architecture"] = m.config.modelType;
            row["parameters"] = parameterCount(m.config);
            row["dtype"] = m.config.dtypeName();
        } catch (const Error& err) {
            row["error"] = err.what(); // listed anyway, so that a broken install is visible
        }
        rows.push_back(row);
    }
    if (json) {
        std::cout << nlohmann::json{{"models", rows}}.dump(2) << "\n";
        return;
    }
    if (rows.empty()) {
        std::cout << "no models installed (scripts/install-python-deps.sh installs all-MiniLM-L6-v2)\n";
        return;
    }
    int nameWidth = 22; // a project's folder models are named by their path
    for (const auto& r : rows)
        nameWidth = std::max(nameWidth, int(r["name"].get<std::string>().size()) + 2);
    std::cout << std::left << std::setw(nameWidth) << "NAME" << std::setw(10) << "ORIGIN" << std::setw(9) << "ARCH"
              << std::setw(8) << "PARAMS" << std::setw(10) << "DTYPE" << std::setw(6) << "DIM" << std::setw(10)
              << "POOLING" << std::setw(9) << "MAX LEN" << "FOLDER\n";
    for (const auto& r : rows) {
        std::cout << std::setw(nameWidth) << r["name"].get<std::string>() << std::setw(10) << r["origin"].get<std::string>();
        if (r.contains("error")) {
            std::cout << "unreadable: " << r["error"].get<std::string>() << "\n";
            continue;
        }
        const double params = double(r["parameters"].get<std::int64_t>());
        std::ostringstream size;
        size << std::fixed << std::setprecision(params >= 1e9 ? 1 : 0)
             << (params >= 1e9 ? params / 1e9 : params >= 1e6 ? params / 1e6 : params / 1e3)
             << (params >= 1e9 ? "B" : params >= 1e6 ? "M" : "K");
        std::cout << std::setw(9) << r["architecture"].get<std::string>() << std::setw(8) << size.str() << std::setw(10)
                  << r["dtype"].get<std::string>();
        std::cout << std::setw(6) << r["dim"].get<std::int64_t>() << std::setw(10) << r["pooling"].get<std::string>()
                  << std::setw(9) << r["max_length"].get<std::size_t>() << r["folder"].get<std::string>() << "\n";
    }
    std::cout << "(\"default\" stands for " << BuiltinModelResolver::kDefaultModel
              << "; any Hugging Face BERT, Llama, Qwen2/3 or Mistral folder works as --model too)\n";
}

void setup(CLI::App& root)
{
    auto json = std::make_shared<bool>(false);
    auto project = std::make_shared<std::string>();
    CLI::App* cmd = root.add_subcommand("models", "List the models: name, folder, architecture, parameters, dtype, dimensions, pooling, maximum length");
    cmd->add_option("--project", *project, "Also list this project's models and trained runs (origin project/run)");
    cmd->add_flag("--json", *json, "Print the list as JSON");
    cmd->callback([json, project] { run(*json, *project); });
}

} // namespace

RANKPO_CLI_COMMAND(61, "models", setup);

} // namespace rankpo::cli
