#include "db/training_data.h"


#include "core/training/split_mix64.h"
#include "core/util/error.h"
#include "db/judge_pending_pairs.h"
#include "db/project_store.h"
#include "db/project_texts.h"

#include <map>
#include <set>

namespace rankpo::db {

PreferenceData loadPreferenceExamples(ProjectStore& store, const PreferenceDataOptions& options)
{
    PreferenceFilter filter;
    filter.source = options.source;
    filter.split = Split::Train;
    auto preferences = store.preferences(filter);
    PreferenceData data;
    if (options.dropInconsistent)
        data.inconsistentDropped = dropInconsistent(preferences);
    data.pairsAdjudicated = applyAdjudications(preferences, Adjudications(store).all(), options.adjudication);
    const auto selection = selectPreferences(preferences, options.policy, options.ties, false, data.selection);
    TextLookup texts(store);
    data.examples.reserve(selection.rows.size());
    for (const auto& row : selection.rows) {
        const Preference& p = *row.preference;
        const bool firstWins = row.choice == Choice::First;
        PreferenceExample e;
        e.job = texts.job(p.jobId);
        e.chosen = texts.candidate(firstWins ? p.shownFirst : p.shownSecond);
        e.rejected = texts.candidate(firstWins ? p.shownSecond : p.shownFirst);
        const double confidence = options.weightByConfidence && p.confidence ? *p.confidence / 100.0 : 1.0;
        e.weight = confidence * row.weight;
        data.examples.push_back(std::move(e));
    }
    return data;
}

std::vector<ContrastiveExample> loadContrastiveExamples(ProjectStore& store, int minNegatives, std::uint64_t seed)
{
    const auto labels = store.labels(Split::Train);
    std::map<JobId, std::pair<std::vector<CandidateId>, std::vector<CandidateId>>> byJob; // positives, negatives
    for (const auto& l : labels)
        (l.relevance > 0 ? byJob[l.jobId].first : byJob[l.jobId].second).push_back(l.candidateId);
    std::vector<CandidateId> all;
    TextLookup texts(store);
    std::vector<ContrastiveExample> examples;
    for (auto& [job, lists] : byJob) {
        auto& [positives, negatives] = lists;
        if (positives.empty())
            continue;
        if (static_cast<int>(negatives.size()) < minNegatives) {
            if (all.empty())
                all = store.candidateIds();
            const std::set<CandidateId> taken(positives.begin(), positives.end());
            std::set<CandidateId> chosen(negatives.begin(), negatives.end());
            SplitMix64 rng(deriveSeed(seed, static_cast<std::uint64_t>(job)));
            const std::size_t room = all.size() - std::min(all.size(), taken.size());
            for (int tries = 0; static_cast<int>(chosen.size()) < minNegatives && chosen.size() < room && tries < 100 * minNegatives; ++tries) {
                const CandidateId c = all[rng.nextBelow(all.size())];
                if (!taken.count(c))
                    chosen.insert(c);
            }
            negatives.assign(chosen.begin(), chosen.end());
        }
        std::vector<std::string> negativeTexts;
        for (CandidateId c : negatives)
            negativeTexts.push_back(texts.candidate(c));
        for (CandidateId c : positives)
            examples.push_back({texts.job(job), texts.candidate(c), negativeTexts});
    }
    return examples;
}

} // namespace rankpo::db
