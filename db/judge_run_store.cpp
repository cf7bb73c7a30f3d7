#include "db/judge_run_store.h"

#include "core/util/error.h"
#include "db/store_access.h"
#include "db/team_rights.h"

#include <ctime>

namespace rankpo::db {
namespace {

constexpr const char* kRunColumns = "id, status, endpoint_host, model, annotator, prompt_hash, prompt, options, judged, "
                                    "inconsistent, failed, retried, prompt_tokens, completion_tokens, message, "
                                    "started_at, finished_at, seconds";

std::int64_t now()
{
    return static_cast<std::int64_t>(std::time(nullptr));
}

JudgeRunRecord readRun(Statement& st)
{
    JudgeRunRecord r;
    r.id = st.int64(0);
    r.status = runStatusFromString(st.textView(1)).value_or(RunStatus::Failed);
    r.endpointHost = st.text(2);
    r.model = st.text(3);
    r.annotator = st.text(4);
    r.promptHash = st.text(5);
    r.prompt = st.text(6);
    r.optionsJson = st.text(7);
    r.counts.judged = st.int64(8);
    r.counts.inconsistent = st.int64(9);
    r.counts.failed = st.int64(10);
    r.counts.retried = st.int64(11);
    r.counts.promptTokens = st.int64(12);
    r.counts.completionTokens = st.int64(13);
    r.message = st.text(14);
    r.startedAt = st.int64(15);
    r.finishedAt = st.optionalInt64(16);
    if (!st.isNull(17))
        r.seconds = st.real(17);
    return r;
}

} // namespace

JudgeRunStore::JudgeRunStore(ProjectStore& store) : m_store(store), m_db(connectionOf(store)) {}

JudgeRunRecord JudgeRunStore::begin(JudgeRunRecord run)
{
    requireTeamRight(m_store, TeamRight::Administer, "running the AI judge");
    if (run.model.empty() || run.annotator.empty())
        throw usageError("a judge run needs a model and an annotator");
    run.status = RunStatus::Running;
    run.startedAt = now();
    Transaction tx(m_db);
    auto st = m_db.prepare("INSERT INTO judge_runs(status, endpoint_host, model, annotator, prompt_hash, prompt, options, "
                           "started_at) VALUES ('running', ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    st.bind(1, run.endpointHost).bind(2, run.model).bind(3, run.annotator).bind(4, run.promptHash).bind(5, run.prompt);
    st.bind(6, run.optionsJson).bind(7, run.startedAt);
    st.step();
    run.id = st.int64(0);
    st.reset();
    tx.commit();
    return run;
}

void JudgeRunStore::storeCounts(std::int64_t runId, const JudgeRunCounts& counts)
{
    auto st = m_db.prepare("UPDATE judge_runs SET judged = ?, inconsistent = ?, failed = ?, retried = ?, "
                           "prompt_tokens = ?, completion_tokens = ? WHERE id = ?");
    st.bind(1, counts.judged).bind(2, counts.inconsistent).bind(3, counts.failed).bind(4, counts.retried);
    st.bind(5, counts.promptTokens).bind(6, counts.completionTokens).bind(7, runId);
    st.run();
}

PreferenceId JudgeRunStore::recordAnswer(std::int64_t runId, const std::string& annotator, const JudgedAnswer& answer,
                                         const JudgeRunCounts& counts)
{
    Transaction tx(m_db);
    auto pair = m_db.prepare("SELECT candidate_lo, candidate_hi FROM pairs WHERE id = ?");
    pair.bind(1, answer.pair);
    if (!pair.step())
        throw dataError(m_db.location() + ": pair " + std::to_string(answer.pair) + " is not in the project");
    if (answer.shownFirst != pair.int64(0) && answer.shownFirst != pair.int64(1))
        throw dataError(m_db.location() + ": candidate " + std::to_string(answer.shownFirst) + " is not in pair "
                        + std::to_string(answer.pair));
    pair.reset();
    auto st = m_db.prepare(
        "INSERT INTO preferences(pair_id, source, annotator, shown_first, choice, confidence, rationale, created_at, "
        "response, usage, seconds, judge_run_id) VALUES (?, 'ai', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(pair_id, source, annotator, shown_first, choice) DO UPDATE SET confidence = excluded.confidence, "
        "rationale = excluded.rationale, created_at = excluded.created_at, response = excluded.response, "
        "usage = excluded.usage, seconds = excluded.seconds, judge_run_id = excluded.judge_run_id RETURNING id");
    st.bind(1, answer.pair).bind(2, annotator).bind(3, answer.shownFirst).bind(4, toString(answer.choice));
    st.bind(5, answer.confidence ? std::optional<std::int64_t>(*answer.confidence) : std::nullopt);
    st.bind(6, answer.rationale).bind(7, now()).bind(8, answer.response).bind(9, answer.usageJson);
    st.bind(10, answer.seconds).bind(11, runId);
    st.step();
    const PreferenceId id = st.int64(0);
    st.reset();
    storeCounts(runId, counts);
    tx.commit();
    return id;
}

void JudgeRunStore::recordFailure(std::int64_t runId, const JudgeFailureRow& failure, const JudgeRunCounts& counts)
{
    Transaction tx(m_db);
    auto st = m_db.prepare("INSERT INTO judge_failures(judge_run_id, pair_id, shown_first, kind, message, http_status, "
                           "response, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, runId).bind(2, failure.pair).bind(3, failure.shownFirst).bind(4, failure.kind).bind(5, failure.message);
    st.bind(6, failure.httpStatus ? std::optional<std::int64_t>(*failure.httpStatus) : std::nullopt);
    st.bind(7, failure.response).bind(8, now());
    st.run();
    storeCounts(runId, counts);
    tx.commit();
}

void JudgeRunStore::finish(std::int64_t runId, RunStatus status, const JudgeRunCounts& counts, const std::string& message,
                           double seconds)
{
    Transaction tx(m_db);
    storeCounts(runId, counts);
    auto st = m_db.prepare("UPDATE judge_runs SET status = ?, message = ?, finished_at = ?, seconds = ? WHERE id = ?");
    st.bind(1, toString(status)).bind(2, message).bind(3, now()).bind(4, seconds).bind(5, runId);
    st.run();
    tx.commit();
}

std::vector<JudgeRunRecord> JudgeRunStore::list()
{
    auto st = m_db.prepare(std::string("SELECT ") + kRunColumns + " FROM judge_runs ORDER BY id");
    std::vector<JudgeRunRecord> runs;
    while (st.step())
        runs.push_back(readRun(st));
    return runs;
}

std::optional<JudgeRunRecord> JudgeRunStore::find(std::int64_t runId)
{
    auto st = m_db.prepare(std::string("SELECT ") + kRunColumns + " FROM judge_runs WHERE id = ?");
    st.bind(1, runId);
    if (!st.step())
        return std::nullopt;
    return readRun(st);
}

std::vector<JudgeFailureRow> JudgeRunStore::failures(std::int64_t runId)
{
    auto st = m_db.prepare("SELECT id, pair_id, shown_first, kind, message, http_status, coalesce(response, '') "
                           "FROM judge_failures WHERE judge_run_id = ? ORDER BY id");
    st.bind(1, runId);
    std::vector<JudgeFailureRow> rows;
    while (st.step()) {
        JudgeFailureRow f;
        f.id = st.int64(0);
        f.pair = st.int64(1);
        f.shownFirst = st.int64(2);
        f.kind = st.text(3);
        f.message = st.text(4);
        if (!st.isNull(5))
            f.httpStatus = static_cast<long>(st.int64(5));
        f.response = st.text(6);
        rows.push_back(std::move(f));
    }
    return rows;
}

std::map<std::string, std::int64_t> JudgeRunStore::failureCounts(std::int64_t runId)
{
    auto st = m_db.prepare("SELECT kind, count(*) FROM judge_failures WHERE judge_run_id = ? GROUP BY kind");
    st.bind(1, runId);
    std::map<std::string, std::int64_t> counts;
    while (st.step())
        counts[st.text(0)] = st.int64(1);
    return counts;
}

} // namespace rankpo::db
