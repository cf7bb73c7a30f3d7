#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {

class Connection;
class ProjectStore;

// Models the project knows by name: pretrained ones it has used, folders, trained runs. A trained
// run's model is addressable by the run's name wherever a model is taken.
struct ModelRecord {
    std::int64_t id = 0;
    std::string name;
    std::string kind; // pretrained | folder | run
    std::string path; // the Hugging Face-layout folder
    std::string identity;
    std::string baseModel;
    std::string infoJson = "{}";
    std::int64_t createdAt = 0;
};

class ModelRegistry {
public:
    explicit ModelRegistry(ProjectStore& store);

    // Inserts or updates by name; returns the id.
    std::int64_t upsert(const ModelRecord& model);
    std::optional<ModelRecord> find(const std::string& name);
    std::vector<ModelRecord> list();

private:
    ProjectStore& m_store; // asked for the team rights a write needs
    Connection& m_db;
};

} // namespace rankpo::db
