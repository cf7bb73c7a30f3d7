#include "db/pair_details.h"

#include "db/judgement_reader.h"
#include "db/model_score_store.h"
#include "db/project_store.h"
#include "db/store_access.h"

namespace rankpo::db {

std::vector<const Preference*> PairDetails::aiJudgements() const
{
    std::vector<const Preference*> out;
    for (const auto& p : judgements) {
        if (p.source == PreferenceSource::Ai)
            out.push_back(&p);
    }
    return out;
}

const Preference* PairDetails::humanJudgement(const std::string& annotator) const
{
    const Preference* latest = nullptr;
    for (const auto& p : judgements) {
        if (p.source == PreferenceSource::Human && p.annotator == annotator)
            latest = &p;
    }
    return latest;
}

std::optional<PairDetails> loadPairDetails(ProjectStore& store, PairId pair, const std::string& scoreModel)
{
    auto st = connectionOf(store).prepare("SELECT job_id, candidate_lo, candidate_hi FROM pairs WHERE id = ?");
    st.bind(1, pair);
    if (!st.step())
        return std::nullopt;
    PairDetails d;
    d.id = pair;
    auto job = store.job(st.int64(0));
    auto lo = store.candidate(st.int64(1));
    auto hi = store.candidate(st.int64(2));
    if (!job || !lo || !hi)
        return std::nullopt;
    d.job = std::move(*job);
    d.lo = std::move(*lo);
    d.hi = std::move(*hi);
    d.judgements = JudgementReader(store).ofPair(pair);
    if (!scoreModel.empty()) {
        ModelScoreStore scores(store);
        d.scoreLo = scores.score(scoreModel, d.job.id, d.lo.id);
        d.scoreHi = scores.score(scoreModel, d.job.id, d.hi.id);
    }
    return d;
}

} // namespace rankpo::db
