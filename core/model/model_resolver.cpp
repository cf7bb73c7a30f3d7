#include "core/model/model_resolver.h"

#include "core/model/model_search_path.h"
#include "core/util/error.h"

#include <algorithm>
#include <set>

namespace rankpo {

namespace fs = std::filesystem;

BuiltinModelResolver::BuiltinModelResolver() : m_dirs(builtinModelDirs()) {}

BuiltinModelResolver::BuiltinModelResolver(std::vector<fs::path> dirs) : m_dirs(std::move(dirs)) {}

std::optional<ModelEntry> BuiltinModelResolver::find(const std::string& name) const
{
    const std::string folderName = name == "default" ? kDefaultModel : name;
    // A name is a single folder name: nothing that could walk out of the models folder.
    if (folderName.empty() || folderName.find('/') != std::string::npos || folderName == "." || folderName == "..")
        return std::nullopt;
    std::error_code ec;
    for (const auto& dir : m_dirs)
        if (fs::is_regular_file(dir / folderName / "config.json", ec))
            return ModelEntry{folderName, dir / folderName, "built-in"};
    return std::nullopt;
}

std::vector<ModelEntry> BuiltinModelResolver::list() const
{
    std::vector<ModelEntry> out;
    std::set<std::string> seen;
    std::error_code ec;
    for (const auto& dir : m_dirs) {
        std::vector<ModelEntry> here;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            const std::string name = entry.path().filename().string();
            if (entry.is_directory(ec) && fs::is_regular_file(entry.path() / "config.json", ec) && !seen.count(name))
                here.push_back({name, entry.path(), "built-in"});
        }
        std::sort(here.begin(), here.end(), [](const ModelEntry& a, const ModelEntry& b) { return a.name < b.name; });
        for (auto& e : here) {
            seen.insert(e.name);
            out.push_back(std::move(e));
        }
    }
    return out;
}

ModelCatalog::ModelCatalog()
{
    add(std::make_unique<BuiltinModelResolver>());
}

void ModelCatalog::add(std::unique_ptr<ModelResolver> resolver)
{
    m_resolvers.push_back(std::move(resolver));
}

ModelEntry ModelCatalog::resolve(const std::string& nameOrFolder) const
{
    std::error_code ec;
    if (nameOrFolder.empty())
        throw usageError("no model given");
    if (fs::is_directory(nameOrFolder, ec))
        return ModelEntry{nameOrFolder, fs::path(nameOrFolder), "folder"};
    for (const auto& r : m_resolvers)
        if (auto entry = r->find(nameOrFolder))
            return *entry;
    std::string known;
    for (const auto& e : list())
        known += (known.empty() ? "" : ", ") + e.name;
    throw usageError("unknown model '" + nameOrFolder + "': not a folder and not a known name (" +
                     (known.empty() ? std::string("no models are installed: run scripts/install-python-deps.sh")
                                    : "known: " + known + ", default") +
                     ")");
}

std::vector<ModelEntry> ModelCatalog::list() const
{
    std::vector<ModelEntry> out;
    std::set<std::string> seen;
    for (const auto& r : m_resolvers)
        for (auto& e : r->list())
            if (seen.insert(e.name).second)
                out.push_back(std::move(e));
    return out;
}

} // namespace rankpo
