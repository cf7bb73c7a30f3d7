#include "db/project_model_resolver.h"

#include "db/model_registry.h"
#include "db/project_store.h"
#include "db/run_registry.h"

#include <set>

namespace rankpo::db {
namespace {

namespace fs = std::filesystem;

fs::path relativeToProject(const ProjectStore& store, const std::string& folder)
{
    fs::path p(folder);
    if (p.is_absolute())
        return p;
    return (fs::absolute(store.path()).parent_path() / p).lexically_normal();
}

} // namespace

ProjectModelResolver::ProjectModelResolver(ProjectStore& store)
{
    std::set<std::string> seen;
    for (const ModelRecord& m : ModelRegistry(store).list()) {
        // A pretrained model recorded without a folder is the built-in resolver's to find.
        if (m.path.empty() || !seen.insert(m.name).second)
            continue;
        m_entries.push_back({m.name, relativeToProject(store, m.path), m.kind == "run" ? "run" : "project"});
    }
    for (const RunRecord& r : RunRegistry(store).list()) {
        // A running run's checkpoint may be half written; a failed run's is not what it was meant to be.
        if (r.checkpointDir.empty() || (r.status != RunStatus::Done && r.status != RunStatus::Cancelled))
            continue;
        if (seen.insert(r.name).second)
            m_entries.push_back({r.name, relativeToProject(store, r.checkpointDir), "run"});
    }
}

std::optional<ModelEntry> ProjectModelResolver::find(const std::string& name) const
{
    for (const auto& e : m_entries)
        if (e.name == name)
            return e;
    return std::nullopt;
}

std::vector<ModelEntry> ProjectModelResolver::list() const
{
    return m_entries;
}

ModelCatalog projectModelCatalog(ProjectStore& store)
{
    ModelCatalog catalog;
    catalog.add(std::make_unique<ProjectModelResolver>(store));
    return catalog;
}

} // namespace rankpo::db
