#pragma once

// A large project for the studio's benchmark, written with ProjectWriter like an import would:
// jobs with header facts, researcher profiles in the paper's tagged format, `pairs` pairs spread
// over the jobs, one AI judgement per pair, a few human ones, and a model's scores for every
// (job, candidate) a pair uses. Deterministic for a seed; cached on disk (it takes a while).
#include "core/domain/preference.h"
#include "db/project_store.h"
#include "db/store_access.h"
#include "db/project_writer.h"

#include <cstdint>
#include <cstdio>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

namespace rankpo::test {

class BenchRandom {
public:
    explicit BenchRandom(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }

private:
    std::uint64_t m_state;
};

inline const std::vector<std::string>& benchWords()
{
    static const std::vector<std::string> words = {
        "protein", "folding", "graph", "neural", "networks", "causal", "inference", "coastal", "erosion", "labour",
        "economics", "sediment", "transport", "reinforcement", "learning", "molecular", "dynamics", "survey",
        "methodology", "matter", "halo", "lithium", "battery", "cathode", "antimicrobial", "resistance", "medieval",
        "manuscripts", "urban", "islands", "tensor", "quantum", "optics", "genomics", "climate", "policy", "robotics",
        "language", "translation", "imaging", "catalysis", "polymer", "epidemiology", "cognition", "archaeology"};
    return words;
}

inline std::string benchSentence(BenchRandom& rng, int words)
{
    const auto& w = benchWords();
    std::string s;
    for (int i = 0; i < words; ++i) {
        if (i)
            s += ' ';
        s += w[static_cast<std::size_t>(rng.below(static_cast<int>(w.size())))];
    }
    return s;
}

inline std::string benchJobText(BenchRandom& rng, int index)
{
    std::string t = "Job Title: Research Fellow in " + benchSentence(rng, 3) + "\n";
    t += "Location: Campus " + std::to_string(index % 40) + ", Manchester\n";
    t += "Contract: Fixed term\nSalary: £" + std::to_string(30000 + index % 9000) + " per annum\n";
    t += "Closing Date: 0" + std::to_string(1 + index % 9) + "/03/2021\n\n";
    for (int p = 0; p < 6; ++p)
        t += benchSentence(rng, 60) + ".\n\n";
    t += "Contact: Dr Ada Smith, ada.smith@example.ac.uk, +44 161 555 0100. Reference " + std::to_string(index) + ".";
    return t;
}

inline std::string benchCandidateText(BenchRandom& rng, int index)
{
    std::string t = "<keyword>";
    for (int k = 0; k < 6; ++k)
        t += (k ? "<sep>" : "") + benchSentence(rng, 2);
    t += "</keyword><title>";
    for (int k = 0; k < 4; ++k)
        t += (k ? "<sep>" : "") + benchSentence(rng, 8);
    t += "</title><abstract>";
    for (int k = 0; k < 3; ++k)
        t += (k ? "<sep>" : "") + benchSentence(rng, 90);
    t += " (profile " + std::to_string(index) + ")</abstract>";
    return t;
}

struct BenchProjectShape {
    int jobs = 2000;
    int candidates = 20000;
    std::int64_t pairs = 1'000'000;
    int humanJudgements = 5000;
    std::string model = "bench-model";
};

// Returns the project's path, generating it when it is not there yet.
inline std::string ensureBenchProject(const std::string& path, const BenchProjectShape& shape)
{
    if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
        std::fclose(f);
        return path;
    }
    const std::string partial = path + ".partial";
    std::remove(partial.c_str());
    {
        auto store = db::ProjectStore::open(partial, db::ProjectStore::OpenMode::Create);
        auto& database = rankpo::db::connectionOf(*store);
        BenchRandom rng(20250301);
        db::Transaction tx(database);
        db::ProjectWriter writer(*store);
        std::vector<JobId> jobs;
        std::vector<CandidateId> candidates;
        for (int j = 0; j < shape.jobs; ++j)
            jobs.push_back(writer.addJob(benchJobText(rng, j), "job-" + std::to_string(j)));
        for (int c = 0; c < shape.candidates; ++c)
            candidates.push_back(writer.addCandidate(benchCandidateText(rng, c), "cand-" + std::to_string(c)));

        auto score = database.prepare("INSERT OR IGNORE INTO model_scores(model, job_id, candidate_id, score) VALUES (?, ?, ?, ?)");
        const std::int64_t perJob = (shape.pairs + shape.jobs - 1) / shape.jobs;
        std::int64_t made = 0;
        int humans = 0;
        for (std::size_t j = 0; j < jobs.size() && made < shape.pairs; ++j) {
            std::set<std::pair<CandidateId, CandidateId>> seen;
            while (static_cast<std::int64_t>(seen.size()) < perJob && made < shape.pairs) {
                const CandidateId a = candidates[static_cast<std::size_t>(rng.below(shape.candidates))];
                const CandidateId b = candidates[static_cast<std::size_t>(rng.below(shape.candidates))];
                if (a == b || !seen.insert({std::min(a, b), std::max(a, b)}).second)
                    continue;
                const PairId pair = writer.addPair(jobs[j], a, b);
                db::NewPreference ai;
                ai.pairId = pair;
                ai.source = PreferenceSource::Ai;
                ai.annotator = "bench-judge";
                ai.shownFirst = a;
                ai.choice = rng.below(2) ? Choice::First : Choice::Second;
                ai.confidence = 50 + rng.below(51);
                ai.rationale = "Candidate fits the project's methods better.";
                writer.addPreference(ai);
                if (humans < shape.humanJudgements && rng.below(200) == 0) {
                    db::NewPreference human = ai;
                    human.source = PreferenceSource::Human;
                    human.annotator = "alice";
                    human.choice = rng.below(3) == 0 ? Choice::Second : Choice::First;
                    writer.addPreference(human);
                    ++humans;
                }
                for (CandidateId c : {a, b})
                    score.bind(1, shape.model).bind(2, jobs[j]).bind(3, c).bind(4, static_cast<double>(rng.below(10000)) / 10000.0).run();
                ++made;
            }
        }
        tx.commit();
        database.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    std::rename(partial.c_str(), path.c_str());
    std::remove((partial + "-wal").c_str());
    std::remove((partial + "-shm").c_str());
    return path;
}

} // namespace rankpo::test
