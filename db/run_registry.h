#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rankpo::db {

class Connection;
class ProjectStore;

enum class RunStatus { Running, Done, Cancelled, Failed };
std::string_view toString(RunStatus status);
std::optional<RunStatus> runStatusFromString(std::string_view text);

// One training run as the project records it: enough to reproduce it (config, seed, data hash,
// base model) and to find what it produced (checkpoint folder, model).
struct RunRecord {
    std::int64_t id = 0;
    std::string name;
    std::string method;     // contrastive | rankpo | sft
    RunStatus status = RunStatus::Running;
    std::string configJson;
    std::int64_t seed = 0;
    std::string dataHash;
    std::string baseModel;
    std::string device;
    std::string checkpointDir;
    std::string message;
    std::string sweep;      // the sweep this run belongs to, empty if none
    std::int64_t startedAt = 0;
    std::optional<std::int64_t> finishedAt;
    std::optional<double> seconds;
};

struct MetricPoint {
    std::int64_t step = 0;
    double epoch = 0;
    std::string name;
    double value = 0;
};

// The runs table. Safe to use from a worker thread on its own connection (WAL lets the GUI read
// meanwhile); each call is its own transaction.
class RunRegistry {
public:
    explicit RunRegistry(ProjectStore& store);

    // Records a new run as running; an empty name gets "<method>-<n>". Returns the run with its id.
    RunRecord begin(RunRecord run);
    void logMetrics(std::int64_t runId, std::int64_t step, double epoch, const std::map<std::string, double>& metrics);
    void setCheckpoint(std::int64_t runId, const std::string& folder);
    void finish(std::int64_t runId, RunStatus status, const std::string& message, double seconds);
    // A cancelled or failed run that goes on (resumed from its checkpoint) is running again.
    void reopen(std::int64_t runId, const std::string& message);

    std::vector<RunRecord> list();
    std::optional<RunRecord> find(const std::string& nameOrId);
    std::vector<MetricPoint> metrics(std::int64_t runId);
    bool nameTaken(const std::string& name);

private:
    ProjectStore& m_store; // asked for the team rights a write needs
    Connection& m_db;
};

} // namespace rankpo::db
