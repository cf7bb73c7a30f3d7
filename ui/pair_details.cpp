#include "ui/pair_details.h"

#include "db/project_store.h"

namespace rankpo::ui {

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

std::optional<PairDetails> loadPairDetails(db::ProjectStore& store, PairId pair, const std::string& scoreModel)
{
    auto& db = store.database();
    auto st = db.prepare("SELECT job_id, candidate_lo, candidate_hi FROM pairs WHERE id = ?");
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

    auto prefs = db.prepare("SELECT preference_id, source, annotator, shown_first, shown_second, choice, confidence, "
                            "rationale, created_at FROM preference_outcomes WHERE pair_id = ? ORDER BY preference_id");
    prefs.bind(1, pair);
    while (prefs.step()) {
        Preference p;
        p.id = prefs.int64(0);
        p.pairId = pair;
        p.jobId = d.job.id;
        p.source = preferenceSourceFromString(prefs.textView(1)).value_or(PreferenceSource::Ai);
        p.annotator = prefs.text(2);
        p.shownFirst = prefs.int64(3);
        p.shownSecond = prefs.int64(4);
        p.choice = choiceFromString(prefs.textView(5)).value_or(Choice::Tie);
        if (!prefs.isNull(6))
            p.confidence = prefs.int32(6);
        p.rationale = prefs.text(7);
        p.createdAt = prefs.int64(8);
        d.judgements.push_back(std::move(p));
    }

    if (!scoreModel.empty()) {
        auto scores = db.prepare("SELECT candidate_id, score FROM model_scores WHERE model = ? AND job_id = ? "
                                 "AND candidate_id IN (?, ?)");
        scores.bind(1, scoreModel).bind(2, d.job.id).bind(3, d.lo.id).bind(4, d.hi.id);
        while (scores.step())
            (scores.int64(0) == d.lo.id ? d.scoreLo : d.scoreHi) = scores.real(1);
    }
    return d;
}

} // namespace rankpo::ui

namespace rankpo::ui {

CandidateId randomisedShownFirst(PairId pair, CandidateId lo, CandidateId hi, std::uint64_t sessionSeed)
{
    // splitmix64 of (seed, pair): consecutive pair ids get independent coins.
    std::uint64_t z = sessionSeed + 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(pair + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return (z & 1) ? hi : lo;
}

} // namespace rankpo::ui
