#include "db/evaluation_store.h"

#include "db/store_access.h"
#include "db/team_rights.h"

#include <ctime>

namespace rankpo::db {
namespace {

constexpr const char* kColumns = "id, model, identity, split, metrics, run_id, created_at";

EvaluationRecord readEvaluation(Statement& st)
{
    EvaluationRecord e;
    e.id = st.int64(0);
    e.model = st.text(1);
    e.identity = st.text(2);
    e.split = st.text(3);
    e.metricsJson = st.text(4);
    e.runId = st.optionalInt64(5);
    e.createdAt = st.int64(6);
    return e;
}

} // namespace

EvaluationStore::EvaluationStore(ProjectStore& store) : m_store(store), m_db(connectionOf(store)) {}

std::int64_t EvaluationStore::save(const EvaluationRecord& evaluation, const std::vector<RankedCandidate>& rankings)
{
    requireTeamRight(m_store, TeamRight::Administer, "evaluating");
    Transaction tx(m_db);
    auto st = m_db.prepare("INSERT INTO evaluations(model, identity, split, metrics, run_id, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
    st.bind(1, evaluation.model)
        .bind(2, evaluation.identity)
        .bind(3, evaluation.split)
        .bind(4, evaluation.metricsJson)
        .bind(5, evaluation.runId)
        .bind(6, evaluation.createdAt ? evaluation.createdAt : static_cast<std::int64_t>(std::time(nullptr)));
    st.step();
    const std::int64_t id = st.int64(0);
    st.reset();
    auto row = m_db.prepare("INSERT INTO evaluation_rankings(evaluation_id, job_id, rank, candidate_id, score) "
                            "VALUES (?, ?, ?, ?, ?)");
    for (const auto& r : rankings)
        row.bind(1, id).bind(2, r.jobId).bind(3, r.rank).bind(4, r.candidateId).bind(5, r.score).run();
    tx.commit();
    return id;
}

std::optional<EvaluationRecord> EvaluationStore::latest(const std::string& model, const std::string& split)
{
    auto st = m_db.prepare(std::string("SELECT ") + kColumns
                           + " FROM evaluations WHERE model = ? AND split = ? ORDER BY created_at DESC, id DESC LIMIT 1");
    st.bind(1, model).bind(2, split);
    if (!st.step())
        return std::nullopt;
    return readEvaluation(st);
}

std::optional<EvaluationRecord> EvaluationStore::find(std::int64_t id)
{
    auto st = m_db.prepare(std::string("SELECT ") + kColumns + " FROM evaluations WHERE id = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readEvaluation(st);
}

std::vector<EvaluationRecord> EvaluationStore::list()
{
    auto st = m_db.prepare(std::string("SELECT ") + kColumns + " FROM evaluations ORDER BY id");
    std::vector<EvaluationRecord> out;
    while (st.step())
        out.push_back(readEvaluation(st));
    return out;
}

std::vector<RankedCandidate> EvaluationStore::rankings(std::int64_t evaluationId, std::optional<JobId> job)
{
    auto st = m_db.prepare(job ? "SELECT job_id, rank, candidate_id, score FROM evaluation_rankings "
                                 "WHERE evaluation_id = ? AND job_id = ? ORDER BY rank"
                               : "SELECT job_id, rank, candidate_id, score FROM evaluation_rankings "
                                 "WHERE evaluation_id = ? ORDER BY job_id, rank");
    st.bind(1, evaluationId);
    if (job)
        st.bind(2, *job);
    std::vector<RankedCandidate> out;
    while (st.step())
        out.push_back({st.int64(0), st.int32(1), st.int64(2), st.real(3)});
    return out;
}

} // namespace rankpo::db
