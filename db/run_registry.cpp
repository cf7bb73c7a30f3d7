#include "db/run_registry.h"

#include "core/util/error.h"
#include "db/store_access.h"
#include "db/team_rights.h"

#include <cmath>
#include <ctime>

namespace rankpo::db {
namespace {

constexpr const char* kColumns = "id, name, method, status, config, seed, data_hash, base_model, device, "
                                 "coalesce(checkpoint_dir, ''), message, coalesce(sweep, ''), started_at, finished_at, seconds";

RunRecord readRun(Statement& st)
{
    RunRecord r;
    r.id = st.int64(0);
    r.name = st.text(1);
    r.method = st.text(2);
    r.status = runStatusFromString(st.textView(3)).value_or(RunStatus::Failed);
    r.configJson = st.text(4);
    r.seed = st.int64(5);
    r.dataHash = st.text(6);
    r.baseModel = st.text(7);
    r.device = st.text(8);
    r.checkpointDir = st.text(9);
    r.message = st.text(10);
    r.sweep = st.text(11);
    r.startedAt = st.int64(12);
    r.finishedAt = st.optionalInt64(13);
    if (!st.isNull(14))
        r.seconds = st.real(14);
    return r;
}

} // namespace

std::string_view toString(RunStatus status)
{
    switch (status) {
    case RunStatus::Running: return "running";
    case RunStatus::Done: return "done";
    case RunStatus::Cancelled: return "cancelled";
    case RunStatus::Failed: return "failed";
    }
    return "failed";
}

std::optional<RunStatus> runStatusFromString(std::string_view text)
{
    for (RunStatus s : {RunStatus::Running, RunStatus::Done, RunStatus::Cancelled, RunStatus::Failed})
        if (toString(s) == text)
            return s;
    return std::nullopt;
}

RunRegistry::RunRegistry(ProjectStore& store) : m_store(store), m_db(connectionOf(store)) {}

bool RunRegistry::nameTaken(const std::string& name)
{
    auto st = m_db.prepare("SELECT 1 FROM runs WHERE name = ?");
    st.bind(1, name);
    return st.step();
}

RunRecord RunRegistry::begin(RunRecord run)
{
    requireTeamRight(m_store, TeamRight::Administer, "training");
    Transaction tx(m_db);
    if (run.name.empty()) {
        auto count = m_db.prepare("SELECT count(*) FROM runs WHERE method = ?");
        count.bind(1, run.method);
        count.step();
        std::int64_t n = count.int64(0) + 1;
        do
            run.name = run.method + "-" + std::to_string(n++);
        while (nameTaken(run.name));
    } else if (nameTaken(run.name)) {
        throw usageError("a run named '" + run.name + "' already exists in this project");
    }
    run.startedAt = static_cast<std::int64_t>(std::time(nullptr));
    run.status = RunStatus::Running;
    auto st = m_db.prepare("INSERT INTO runs(name, method, status, config, seed, data_hash, base_model, device, "
                           "checkpoint_dir, message, started_at, sweep) VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, '', ?, ?) "
                           "RETURNING id");
    st.bind(1, run.name)
        .bind(2, run.method)
        .bind(3, run.configJson)
        .bind(4, run.seed)
        .bind(5, run.dataHash)
        .bind(6, run.baseModel)
        .bind(7, run.device)
        .bind(8, run.checkpointDir.empty() ? std::optional<std::string>() : run.checkpointDir)
        .bind(9, run.startedAt)
        .bind(10, run.sweep.empty() ? std::optional<std::string>() : run.sweep);
    st.step();
    run.id = st.int64(0);
    st.reset();
    tx.commit();
    return run;
}

void RunRegistry::logMetrics(std::int64_t runId, std::int64_t step, double epoch,
                             const std::map<std::string, double>& metrics)
{
    Transaction tx(m_db);
    auto st = m_db.prepare("INSERT INTO run_metrics(run_id, step, epoch, name, value) VALUES (?, ?, ?, ?, ?) "
                           "ON CONFLICT(run_id, step, name) DO UPDATE SET value = excluded.value, epoch = excluded.epoch");
    for (const auto& [name, value] : metrics) {
        if (!std::isfinite(value))
            continue; // the trainer reports non-finite losses itself; SQLite REAL cannot hold NaN
        st.bind(1, runId).bind(2, step).bind(3, epoch).bind(4, name).bind(5, value).run();
    }
    tx.commit();
}

void RunRegistry::setCheckpoint(std::int64_t runId, const std::string& folder)
{
    Transaction tx(m_db);
    auto st = m_db.prepare("UPDATE runs SET checkpoint_dir = ? WHERE id = ?");
    st.bind(1, folder).bind(2, runId).run();
    tx.commit();
}

void RunRegistry::finish(std::int64_t runId, RunStatus status, const std::string& message, double seconds)
{
    Transaction tx(m_db);
    auto st = m_db.prepare("UPDATE runs SET status = ?, message = ?, finished_at = ?, seconds = ? WHERE id = ?");
    st.bind(1, toString(status))
        .bind(2, message)
        .bind(3, static_cast<std::int64_t>(std::time(nullptr)))
        .bind(4, seconds)
        .bind(5, runId)
        .run();
    tx.commit();
}

void RunRegistry::reopen(std::int64_t runId, const std::string& message)
{
    requireTeamRight(m_store, TeamRight::Administer, "resuming a training run");
    Transaction tx(m_db);
    auto st = m_db.prepare("UPDATE runs SET status = 'running', message = ?, finished_at = NULL WHERE id = ?");
    st.bind(1, message).bind(2, runId).run();
    tx.commit();
}

std::vector<RunRecord> RunRegistry::list()
{
    auto st = m_db.prepare(std::string("SELECT ") + kColumns + " FROM runs ORDER BY id");
    std::vector<RunRecord> out;
    while (st.step())
        out.push_back(readRun(st));
    return out;
}

std::optional<RunRecord> RunRegistry::find(const std::string& nameOrId)
{
    auto st = m_db.prepare(std::string("SELECT ") + kColumns + " FROM runs WHERE name = ?1 OR (CAST(id AS TEXT) = ?1)");
    st.bind(1, nameOrId);
    if (!st.step())
        return std::nullopt;
    return readRun(st);
}

std::vector<MetricPoint> RunRegistry::metrics(std::int64_t runId)
{
    auto st = m_db.prepare("SELECT step, epoch, name, value FROM run_metrics WHERE run_id = ? ORDER BY step, name");
    st.bind(1, runId);
    std::vector<MetricPoint> out;
    while (st.step())
        out.push_back({st.int64(0), st.real(1), st.text(2), st.real(3)});
    return out;
}

} // namespace rankpo::db
