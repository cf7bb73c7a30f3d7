#include "db/export_project.h"

#include "db/judge_pending_pairs.h"

#include "core/formats/csv_record_reader.h"
#include "core/util/error.h"
#include "db/store_access.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <unordered_map>

namespace rankpo::db {
namespace {

using ordered_json = nlohmann::ordered_json;

// A file written beside its destination and renamed over it when complete.
class AtomicFile {
public:
    explicit AtomicFile(const std::string& path) : m_path(path), m_temp(path + ".part")
    {
        m_file = std::fopen(m_temp.c_str(), "wb");
        if (!m_file)
            throw ioError(path + ": cannot write: " + std::strerror(errno));
    }
    ~AtomicFile()
    {
        if (m_file) {
            std::fclose(m_file);
            std::remove(m_temp.c_str());
        }
    }
    void write(const std::string& s)
    {
        if (std::fwrite(s.data(), 1, s.size(), m_file) != s.size())
            throw ioError(m_path + ": write failed: " + std::strerror(errno));
    }
    void commit()
    {
        const bool ok = std::fflush(m_file) == 0 && std::fclose(m_file) == 0;
        m_file = nullptr;
        if (!ok || std::rename(m_temp.c_str(), m_path.c_str()) != 0) {
            std::remove(m_temp.c_str());
            throw ioError(m_path + ": cannot write: " + std::strerror(errno));
        }
    }

private:
    std::string m_path, m_temp;
    std::FILE* m_file = nullptr;
};

struct Entity {
    std::string text;
    std::string externalId;
};

// Texts by id, read once each.
class TextCache {
public:
    explicit TextCache(Connection& db)
        : m_job(db.prepare("SELECT text, coalesce(external_id, '') FROM jobs WHERE id = ?"))
        , m_candidate(db.prepare("SELECT text, coalesce(external_id, '') FROM candidates WHERE id = ?"))
    {
    }
    const Entity& job(JobId id) { return get(m_jobs, m_job, id); }
    const Entity& candidate(CandidateId id) { return get(m_candidates, m_candidate, id); }

private:
    const Entity& get(std::unordered_map<std::int64_t, Entity>& cache, Statement& st, std::int64_t id)
    {
        if (auto it = cache.find(id); it != cache.end())
            return it->second;
        st.bind(1, id);
        Entity e;
        if (st.step()) {
            e.text = st.text(0);
            e.externalId = st.text(1);
        }
        st.reset();
        return cache.emplace(id, std::move(e)).first->second;
    }
    Statement m_job, m_candidate;
    std::unordered_map<std::int64_t, Entity> m_jobs, m_candidates;
};

// How a pair was made and what the judge answered, by preference: what the rankpo-pairs format carries beside the
// texts (passage_rank1/2 as in the paper's sample, our made_by, strategy, passage_score1/2; response, usage).
struct Provenance {
    std::string madeBy, strategy;
    CandidateId lo = 0;
    std::optional<std::int64_t> rankLo, rankHi;
    std::optional<double> scoreLo, scoreHi;
    std::string response, usage;
};

std::optional<std::int64_t> optionalInt(Statement& st, int column)
{
    return st.isNull(column) ? std::nullopt : std::optional<std::int64_t>(st.int64(column));
}

std::optional<double> optionalReal(Statement& st, int column)
{
    return st.isNull(column) ? std::nullopt : std::optional<double>(st.real(column));
}

Provenance readProvenance(Statement& st, int first)
{
    Provenance p;
    p.madeBy = st.text(first);
    p.strategy = st.text(first + 1);
    p.lo = st.int64(first + 2);
    p.rankLo = optionalInt(st, first + 3);
    p.rankHi = optionalInt(st, first + 4);
    p.scoreLo = optionalReal(st, first + 5);
    p.scoreHi = optionalReal(st, first + 6);
    return p;
}

// Adds the pair's provenance to a rankpo-pairs row whose passage1 is `shownFirst`.
void putProvenance(ordered_json& j, const Provenance& p, CandidateId shownFirst)
{
    const bool firstIsLo = shownFirst == p.lo;
    const auto& rank1 = firstIsLo ? p.rankLo : p.rankHi;
    const auto& rank2 = firstIsLo ? p.rankHi : p.rankLo;
    const auto& score1 = firstIsLo ? p.scoreLo : p.scoreHi;
    const auto& score2 = firstIsLo ? p.scoreHi : p.scoreLo;
    if (rank1)
        j["passage_rank1"] = *rank1;
    if (rank2)
        j["passage_rank2"] = *rank2;
    if (score1)
        j["passage_score1"] = *score1;
    if (score2)
        j["passage_score2"] = *score2;
    if (!p.madeBy.empty())
        j["made_by"] = p.madeBy;
    if (!p.strategy.empty() && p.strategy != "import")
        j["strategy"] = p.strategy;
}

double rowWeight(const SelectedPreference& row)
{
    const double confidence = row.preference->confidence ? *row.preference->confidence / 100.0 : 1.0;
    return confidence * row.weight;
}

std::string dumpLine(const ordered_json& j)
{
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void writePreferenceRows(ProjectStore& store, AtomicFile& out, const ExportOptions& options, ExportReport& report)
{
    auto prefs = store.preferences(options.filter);
    if (options.dropInconsistent)
        report.inconsistentDropped = dropInconsistent(prefs);
    report.pairsAdjudicated = applyAdjudications(prefs, Adjudications(store).all(), options.adjudication);
    SelectionReport selection;
    const PreferenceSelection rows = selectPreferences(prefs, options.policy, options.ties,
                                                       /*nativeTies=*/options.format == DataFormat::Csv, selection);
    report.tiesDropped = selection.tiesDropped;
    report.tiesSplit = selection.tiesSplit;
    report.pairsMerged = selection.pairsMerged;
    const bool weight = options.weightColumn || (options.ties == TiePolicy::Half && report.tiesSplit > 0);
    TextCache texts(connectionOf(store));
    auto provenanceOf = connectionOf(store).prepare(
        "SELECT coalesce(pr.made_by, ''), coalesce(pr.strategy, ''), pr.candidate_lo, pr.rank_lo, pr.rank_hi, "
        "pr.score_lo, pr.score_hi, coalesce(p.response, ''), coalesce(p.usage, ''), p.source, p.annotator "
        "FROM preferences p JOIN pairs pr ON pr.id = p.pair_id WHERE p.id = ?");

    if (options.format == DataFormat::Csv) {
        std::string header = "job,candidate_a,candidate_b,preferred,confidence,rationale,annotator,source,created,"
                             "job_id,candidate_a_id,candidate_b_id";
        if (weight)
            header += ",weight";
        out.write(header + "\n");
    }
    for (const SelectedPreference& row : rows.rows) {
        const Preference& p = *row.preference;
        const Entity& job = texts.job(p.jobId);
        const Entity& first = texts.candidate(p.shownFirst);
        const Entity& second = texts.candidate(p.shownSecond);
        const bool ai = p.source == PreferenceSource::Ai;
        switch (options.format) {
        case DataFormat::RankPOPairs: {
            ordered_json j;
            j["query"] = job.text;
            j["passage1"] = first.text;
            j["passage2"] = second.text;
            j["preferred"] = row.choice == Choice::First ? "A" : "B";
            if (!options.minimal) {
                if (p.confidence)
                    j["confidence_score"] = *p.confidence;
                if (options.rationaleColumn && !p.rationale.empty())
                    j["comparison"] = p.rationale;
                if (ai && !p.annotator.empty())
                    j["model"] = p.annotator;
                j["source"] = std::string(toString(p.source));
                if (!ai && !p.annotator.empty())
                    j["annotator"] = p.annotator;
                if (!job.externalId.empty())
                    j["query_id"] = job.externalId;
                if (!first.externalId.empty())
                    j["passage_id1"] = first.externalId;
                if (!second.externalId.empty())
                    j["passage_id2"] = second.externalId;
                j["created"] = p.createdAt;
                provenanceOf.bind(1, p.id);
                if (provenanceOf.step()) {
                    Provenance provenance = readProvenance(provenanceOf, 0);
                    putProvenance(j, provenance, p.shownFirst);
                    // A reviewer's decision stands in its pair's first judgement's place (same id): that
                    // judgement's reply and usage are not the decision's.
                    const bool same = provenanceOf.textView(9) == toString(p.source) && provenanceOf.textView(10) == p.annotator;
                    if (same && options.rationaleColumn && !provenanceOf.isNull(7) && !provenanceOf.text(7).empty())
                        j["response"] = provenanceOf.text(7);
                    if (same && !provenanceOf.text(8).empty())
                        j["usage"] = ordered_json::parse(provenanceOf.text(8), nullptr, false);
                }
                provenanceOf.reset();
            }
            if (weight)
                j["weight"] = rowWeight(row);
            out.write(dumpLine(j));
            break;
        }
        case DataFormat::TrlDpo: {
            const bool firstWins = row.choice == Choice::First;
            const Entity& chosen = firstWins ? first : second;
            const Entity& rejected = firstWins ? second : first;
            ordered_json j;
            j["prompt"] = job.text;
            j["chosen"] = chosen.text;
            j["rejected"] = rejected.text;
            if (!options.minimal) {
                if (!job.externalId.empty())
                    j["prompt_id"] = job.externalId;
                if (!chosen.externalId.empty())
                    j["chosen_id"] = chosen.externalId;
                if (!rejected.externalId.empty())
                    j["rejected_id"] = rejected.externalId;
                if (p.confidence)
                    j["confidence"] = *p.confidence;
                if (options.rationaleColumn && !p.rationale.empty())
                    j["rationale"] = p.rationale;
                if (!p.annotator.empty())
                    j["annotator"] = p.annotator;
                j["source"] = std::string(toString(p.source));
            }
            if (weight)
                j["weight"] = rowWeight(row);
            out.write(dumpLine(j));
            break;
        }
        case DataFormat::Csv: {
            std::string line = csvField(job.text) + "," + csvField(first.text) + "," + csvField(second.text) + ",";
            line += row.choice == Choice::First ? "A" : row.choice == Choice::Second ? "B" : "tie";
            line += "," + (p.confidence ? std::to_string(*p.confidence) : std::string());
            line += "," + (options.rationaleColumn ? csvField(p.rationale) : std::string());
            line += "," + csvField(p.annotator) + "," + std::string(toString(p.source)) + ","
                + std::to_string(p.createdAt);
            line += "," + csvField(job.externalId) + "," + csvField(first.externalId) + "," + csvField(second.externalId);
            if (weight) {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%.4g", rowWeight(row));
                line += std::string(",") + buf;
            }
            out.write(line + "\n");
            break;
        }
        default: break;
        }
        ++report.rows;
    }
}

void writeLabelRows(ProjectStore& store, AtomicFile& out, const ExportOptions& options, ExportReport& report)
{
    const auto labels = store.labels(options.filter.split);
    TextCache texts(connectionOf(store));
    if (options.format == DataFormat::TrecQrels) {
        for (const auto& l : labels) {
            const std::string qid = ProjectStore::jobReference(l.jobId, texts.job(l.jobId).externalId);
            const std::string docid =
                ProjectStore::candidateReference(l.candidateId, texts.candidate(l.candidateId).externalId);
            if (qid.find_first_of(" \t\r\n") != std::string::npos || docid.find_first_of(" \t\r\n") != std::string::npos)
                throw dataError("cannot write TREC qrels: id '" + (qid.find(' ') != std::string::npos ? qid : docid)
                                + "' contains whitespace");
            out.write(qid + " 0 " + docid + " " + std::to_string(l.relevance) + "\n");
            ++report.rows;
        }
        return;
    }
    // rankpo-contrastive: one row per job with its positives and negatives.
    std::size_t i = 0;
    while (i < labels.size()) {
        const JobId job = labels[i].jobId;
        ordered_json j;
        const Entity& jobEntity = texts.job(job);
        j["query"] = jobEntity.text;
        if (!options.minimal && !jobEntity.externalId.empty())
            j["query_id"] = jobEntity.externalId;
        ordered_json positives = ordered_json::array(), negatives = ordered_json::array();
        for (; i < labels.size() && labels[i].jobId == job; ++i)
            (labels[i].relevance > 0 ? positives : negatives).push_back(texts.candidate(labels[i].candidateId).text);
        j["positives"] = std::move(positives);
        j["negatives"] = std::move(negatives);
        out.write(dumpLine(j));
        ++report.rows;
    }
}

// The pairs without any preference, as rows without `preferred` that `rankpo import --allow-unjudged` reads back.
void writeUnjudgedRows(ProjectStore& store, AtomicFile& out, const ExportOptions& options, ExportReport& report)
{
    Connection& db = connectionOf(store);
    auto pairs = db.prepare(
        "SELECT pr.job_id, pr.candidate_lo, pr.candidate_hi, coalesce(pr.made_by, ''), coalesce(pr.strategy, ''), "
        "pr.candidate_lo, pr.rank_lo, pr.rank_hi, pr.score_lo, pr.score_hi FROM pairs pr JOIN jobs j ON j.id = pr.job_id "
        "WHERE NOT EXISTS (SELECT 1 FROM preferences r WHERE r.pair_id = pr.id) AND (CAST(? AS TEXT) IS NULL OR j.split = ?) "
        "ORDER BY pr.id");
    const std::optional<std::string> split
        = options.filter.split ? std::optional<std::string>(std::string(toString(*options.filter.split))) : std::nullopt;
    pairs.bind(1, split).bind(2, split);
    TextCache texts(db);
    const bool csv = options.format == DataFormat::Csv;
    if (csv)
        out.write("job,candidate_a,candidate_b,preferred,job_id,candidate_a_id,candidate_b_id,rank_a,rank_b\n");
    while (pairs.step()) {
        const JobId jobId = pairs.int64(0);
        const CandidateId lo = pairs.int64(1), hi = pairs.int64(2);
        const Provenance provenance = readProvenance(pairs, 3);
        const Entity& job = texts.job(jobId);
        const Entity& first = texts.candidate(lo);
        const Entity& second = texts.candidate(hi);
        if (csv) {
            auto rank = [](const std::optional<std::int64_t>& r) { return r ? std::to_string(*r) : std::string(); };
            out.write(csvField(job.text) + "," + csvField(first.text) + "," + csvField(second.text) + ",,"
                      + csvField(job.externalId) + "," + csvField(first.externalId) + "," + csvField(second.externalId)
                      + "," + rank(provenance.rankLo) + "," + rank(provenance.rankHi) + "\n");
        } else {
            ordered_json j;
            j["query"] = job.text;
            j["passage1"] = first.text;
            j["passage2"] = second.text;
            if (!job.externalId.empty())
                j["query_id"] = job.externalId;
            if (!first.externalId.empty())
                j["passage_id1"] = first.externalId;
            if (!second.externalId.empty())
                j["passage_id2"] = second.externalId;
            putProvenance(j, provenance, lo);
            out.write(dumpLine(j));
        }
        ++report.rows;
    }
}

} // namespace

ExportReport exportProject(ProjectStore& store, const std::string& outPath, const ExportOptions& options)
{
    ExportReport report;
    if (options.unjudged && options.format != DataFormat::RankPOPairs && options.format != DataFormat::Csv)
        throw usageError("unjudged pairs are exported as rankpo-pairs or csv");
    AtomicFile out(outPath);
    if (options.unjudged) {
        writeUnjudgedRows(store, out, options, report);
        out.commit();
        return report;
    }
    switch (options.format) {
    case DataFormat::RankPOPairs:
    case DataFormat::TrlDpo:
    case DataFormat::Csv: writePreferenceRows(store, out, options, report); break;
    case DataFormat::RankPOContrastive:
    case DataFormat::TrecQrels: writeLabelRows(store, out, options, report); break;
    case DataFormat::RankPOEval:
        throw usageError("export to rankpo-eval is not supported: it needs a separate corpus file; use "
                         "rankpo-contrastive or trec-qrels for labels");
    }
    out.commit();
    return report;
}

} // namespace rankpo::db
