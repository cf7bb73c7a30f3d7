#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rankpo {

// A model that a name stands for.
struct ModelEntry {
    std::string name;               // what the user types: "all-MiniLM-L6-v2", a run name, or the folder given
    std::filesystem::path folder;   // a Hugging Face-layout folder (ModelFolder::open reads it)
    std::string origin;             // "built-in", "folder", or what a resolver calls itself (e.g. "project")
};

// One source of model names. The built-in models come from BuiltinModelResolver; the project store adds a
// resolver for its trained runs. Implementations must not touch the network.
class ModelResolver {
public:
    virtual ~ModelResolver() = default;
    virtual std::optional<ModelEntry> find(const std::string& name) const = 0;
    virtual std::vector<ModelEntry> list() const = 0;
};

// The models installed in the built-in model folders (model_search_path.h): every sub-folder holding a
// config.json, by its folder name; "default" stands for all-MiniLM-L6-v2. The first folder that has a name wins.
class BuiltinModelResolver : public ModelResolver {
public:
    static constexpr const char* kDefaultModel = "all-MiniLM-L6-v2";

    BuiltinModelResolver(); // searches builtinModelDirs()
    explicit BuiltinModelResolver(std::vector<std::filesystem::path> dirs);

    std::optional<ModelEntry> find(const std::string& name) const override;
    std::vector<ModelEntry> list() const override;
    const std::vector<std::filesystem::path>& dirs() const { return m_dirs; }

private:
    std::vector<std::filesystem::path> m_dirs;
};

// Turns what the user gave (a name or a folder) into a model: a path to an existing folder is taken as is, any
// other string is asked of the resolvers in the order they were added. Unknown names are a usage error that
// lists the known ones.
class ModelCatalog {
public:
    ModelCatalog(); // with the built-in models
    void add(std::unique_ptr<ModelResolver> resolver);

    ModelEntry resolve(const std::string& nameOrFolder) const;
    std::vector<ModelEntry> list() const; // the first entry of each name

private:
    std::vector<std::unique_ptr<ModelResolver>> m_resolvers;
};

} // namespace rankpo
