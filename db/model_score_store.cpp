#include "db/model_score_store.h"

#include "core/util/error.h"
#include "db/store_access.h"
#include "db/team_rights.h"

namespace rankpo::db {
namespace {

// Often enough for a responsive cancel and progress, rare enough to cost nothing.
constexpr std::size_t kReportEvery = 4096;

} // namespace

std::vector<std::string> ModelScoreStore::models()
{
    // Skip-scan over the primary key: one index seek per model, whatever the table's size.
    auto st = connectionOf(m_store).prepare("SELECT min(model) FROM model_scores WHERE model > ?");
    std::vector<std::string> models;
    std::string last;
    for (;;) {
        st.reset();
        st.bind(1, last);
        if (!st.step() || st.isNull(0))
            break;
        last = st.text(0);
        models.push_back(last);
    }
    return models;
}

std::vector<JobCandidate> ModelScoreStore::pairCandidates()
{
    auto st = connectionOf(m_store).prepare("SELECT job_id, candidate_lo FROM pairs UNION "
                                            "SELECT job_id, candidate_hi FROM pairs ORDER BY 1, 2");
    std::vector<JobCandidate> out;
    while (st.step())
        out.push_back({st.int64(0), st.int64(1)});
    return out;
}

std::optional<double> ModelScoreStore::score(const std::string& model, JobId job, CandidateId candidate)
{
    auto st = connectionOf(m_store).prepare(
        "SELECT score FROM model_scores WHERE model = ? AND job_id = ? AND candidate_id = ?");
    st.bind(1, model).bind(2, job).bind(3, candidate);
    if (!st.step())
        return std::nullopt;
    return st.real(0);
}

void ModelScoreStore::replace(const std::string& model, const std::vector<JobCandidate>& couples,
                              const std::vector<double>& scores, const Progress& progress)
{
    if (couples.size() != scores.size())
        throw dataError("model scores: " + std::to_string(scores.size()) + " scores for " + std::to_string(couples.size())
                        + " (job, candidate) couples");
    Connection& db = connectionWithRight(m_store, TeamRight::Administer, "scoring pairs");
    Transaction tx(db);
    db.prepare("DELETE FROM model_scores WHERE model = ?").bind(1, model).run();
    auto insert = db.prepare("INSERT INTO model_scores(model, job_id, candidate_id, score) VALUES (?, ?, ?, ?)");
    for (std::size_t i = 0; i < couples.size(); ++i) {
        insert.bind(1, model).bind(2, couples[i].job).bind(3, couples[i].candidate).bind(4, scores[i]).run();
        if (progress && (i + 1) % kReportEvery == 0)
            progress(i + 1, couples.size());
    }
    tx.commit();
    if (progress)
        progress(couples.size(), couples.size());
}

void ModelScoreStore::add(const std::string& model, const std::vector<JobCandidate>& couples,
                          const std::vector<double>& scores)
{
    if (couples.size() != scores.size())
        throw dataError("model scores: " + std::to_string(scores.size()) + " scores for " + std::to_string(couples.size())
                        + " (job, candidate) couples");
    Connection& db = connectionWithRight(m_store, TeamRight::Administer, "scoring pairs");
    Transaction tx(db);
    auto insert = db.prepare("INSERT INTO model_scores(model, job_id, candidate_id, score) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT(model, job_id, candidate_id) DO UPDATE SET score = excluded.score");
    for (std::size_t i = 0; i < couples.size(); ++i)
        insert.bind(1, model).bind(2, couples[i].job).bind(3, couples[i].candidate).bind(4, scores[i]).run();
    tx.commit();
}

} // namespace rankpo::db
