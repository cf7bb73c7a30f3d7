#include "db/judgement_reader.h"

#include "core/util/error.h"
#include "db/store_access.h"

namespace rankpo::db {
namespace {

// The columns of the preference_outcomes view that make a Preference, in the order readJudgement reads them.
constexpr const char* kColumns = "o.preference_id, o.pair_id, o.job_id, o.source, o.annotator, o.shown_first, "
                                 "o.shown_second, o.choice, o.confidence, o.created_at, o.rationale";

Preference readJudgement(const Statement& st, bool withRationale)
{
    Preference p;
    p.id = st.int64(0);
    p.pairId = st.int64(1);
    p.jobId = st.int64(2);
    p.source = preferenceSourceFromString(st.textView(3)).value_or(PreferenceSource::Ai);
    p.annotator = st.text(4);
    p.shownFirst = st.int64(5);
    p.shownSecond = st.int64(6);
    p.choice = choiceFromString(st.textView(7)).value_or(Choice::Tie);
    if (!st.isNull(8))
        p.confidence = st.int32(8);
    p.createdAt = st.int64(9);
    if (withRationale)
        p.rationale = st.text(10);
    return p;
}

std::string selectJudgements(bool withRationale)
{
    std::string columns = kColumns;
    if (!withRationale)
        columns.resize(columns.rfind(", o.rationale"));
    return "SELECT " + columns + " FROM preference_outcomes o ";
}

JudgementOutcome readOutcome(const Statement& st)
{
    JudgementOutcome o;
    o.pairId = st.int64(0);
    o.source = preferenceSourceFromString(st.textView(1)).value_or(PreferenceSource::Ai);
    o.annotator = st.text(2);
    if (!st.isNull(3))
        o.winner = st.int64(3);
    if (!st.isNull(4))
        o.loser = st.int64(4);
    if (!st.isNull(5))
        o.confidence = st.int32(5);
    return o;
}

constexpr const char* kSelectOutcomes
    = "SELECT pair_id, source, annotator, winner, loser, confidence FROM preference_outcomes ";

} // namespace

std::vector<Preference> JudgementReader::list(const PreferenceFilter& filter, bool withRationale,
                                              const std::atomic<bool>* cancel)
{
    std::string sql = selectJudgements(withRationale);
    if (filter.split)
        sql += "JOIN jobs j ON j.id = o.job_id ";
    sql += "WHERE 1 = 1";
    if (filter.source)
        sql += " AND o.source = ?1";
    if (filter.annotator)
        sql += " AND o.annotator = ?2";
    if (filter.split)
        sql += *filter.split == Split::Unassigned ? " AND j.split IS NULL" : " AND j.split = ?3";
    sql += " ORDER BY o.preference_id";
    auto st = connectionOf(m_store).prepare(sql);
    if (filter.source)
        st.bind(1, toString(*filter.source));
    if (filter.annotator)
        st.bind(2, *filter.annotator);
    if (filter.split && *filter.split != Split::Unassigned)
        st.bind(3, toString(*filter.split));
    std::vector<Preference> out;
    while (st.step()) {
        out.push_back(readJudgement(st, withRationale));
        if (cancel && (out.size() & 0xffff) == 0 && cancel->load(std::memory_order_relaxed))
            throw Error(ErrorKind::Cancelled, "cancelled");
    }
    return out;
}

std::optional<Preference> JudgementReader::find(PreferenceId id)
{
    auto st = connectionOf(m_store).prepare(selectJudgements(true) + "WHERE o.preference_id = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readJudgement(st, true);
}

std::vector<Preference> JudgementReader::ofPair(PairId pair)
{
    auto st = connectionOf(m_store).prepare(selectJudgements(true) + "WHERE o.pair_id = ? ORDER BY o.preference_id");
    st.bind(1, pair);
    std::vector<Preference> out;
    while (st.step())
        out.push_back(readJudgement(st, true));
    return out;
}

std::vector<Preference> JudgementReader::ofPairBy(PairId pair, PreferenceSource source, const std::string& annotator)
{
    auto st = connectionOf(m_store).prepare(selectJudgements(true)
                                            + "WHERE o.pair_id = ? AND o.source = ? AND o.annotator = ? "
                                              "ORDER BY o.preference_id");
    st.bind(1, pair).bind(2, toString(source)).bind(3, annotator);
    std::vector<Preference> out;
    while (st.step())
        out.push_back(readJudgement(st, true));
    return out;
}

std::vector<JudgementOutcome> JudgementReader::outcomesOfJob(JobId job, std::optional<PreferenceSource> source)
{
    std::string sql = std::string(kSelectOutcomes) + "WHERE job_id = ?1";
    if (source)
        sql += " AND source = ?2";
    auto st = connectionOf(m_store).prepare(sql + " ORDER BY preference_id");
    st.bind(1, job);
    if (source)
        st.bind(2, toString(*source));
    std::vector<JudgementOutcome> out;
    while (st.step())
        out.push_back(readOutcome(st));
    return out;
}

std::vector<JudgementOutcome> JudgementReader::outcomesOfPairs(const std::vector<PairId>& pairs)
{
    std::vector<JudgementOutcome> out;
    if (pairs.empty())
        return out;
    // The ids are numbers we hold, not user text: one statement for a page of pairs.
    std::string ids;
    for (PairId id : pairs)
        ids += (ids.empty() ? "" : ",") + std::to_string(id);
    auto st = connectionOf(m_store).prepare(std::string(kSelectOutcomes) + "WHERE pair_id IN (" + ids
                                            + ") ORDER BY preference_id");
    while (st.step())
        out.push_back(readOutcome(st));
    return out;
}

} // namespace rankpo::db
