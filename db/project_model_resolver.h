#pragma once

#include "core/model/model_resolver.h"

#include <filesystem>
#include <vector>

namespace rankpo::db {

class ProjectStore;

// The models a project knows by name (ModelRegistry) and its trained runs (RunRegistry): a run that finished
// (done or cancelled) with a checkpoint folder is addressable by the run's name wherever a model is taken. A
// registered model wins over a run of the same name. Relative folders are relative to the project file's folder.
// Reads both tables once, when constructed: the resolver does not keep the store.
// Origins: "run" for runs and models registered as runs, "project" for the other registered models.
class ProjectModelResolver : public ModelResolver {
public:
    explicit ProjectModelResolver(ProjectStore& store);

    std::optional<ModelEntry> find(const std::string& name) const override;
    std::vector<ModelEntry> list() const override;

private:
    std::vector<ModelEntry> m_entries;
};

// The catalog `--model` uses inside a project: folders, the built-in models ("default" included), then the
// project's models and runs.
ModelCatalog projectModelCatalog(ProjectStore& store);

} // namespace rankpo::db
