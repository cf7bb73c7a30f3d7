#include "core/demo/demo_corpus.h"

#include "core/demo/demo_catalogue.h"
#include "core/demo/demo_job_writer.h"
#include "core/demo/demo_judge.h"
#include "core/demo/demo_profile_writer.h"
#include "core/demo/demo_random.h"
#include "core/demo/demo_vocabulary.h"
#include "core/util/error.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace rankpo::demo {
namespace {

// Each part of the corpus draws from its own stream, so that (for instance) job 17's text depends
// only on the seed and on 17, whatever the other counts are.
enum Stream : std::uint64_t { JobStream = 1, CandidateStream, LabelStream, PairStream, JudgeStream, RejudgeStream,
                              ClockStream };

constexpr int kMaxJobs = 20000;
constexpr int kMaxCandidates = 200000;
constexpr int kMaxPairs = 1000000;
constexpr long long kMaxJobCandidateProduct = 50000000; // labels check every candidate against every job
constexpr std::int64_t kFirstJudgementTime = 1737536997; // the sample's judgements were made in January 2025

// Contrast: how often the second candidate of a pair is chosen to differ clearly in topical fit from
// the first, so that the preference data carries a learnable signal.
constexpr int kContrastPerMille = 600;
constexpr int kContrastGap = 250;

void validate(const DemoOptions& options)
{
    auto fail = [](const std::string& message) { throw usageError("demo corpus: " + message); };
    if (options.jobs < 1 || options.jobs > kMaxJobs)
        fail("jobs must be between 1 and " + std::to_string(kMaxJobs) + ", got " + std::to_string(options.jobs));
    if (options.candidates < 2 || options.candidates > kMaxCandidates)
        fail("candidates must be between 2 and " + std::to_string(kMaxCandidates) + ", got "
             + std::to_string(options.candidates));
    if (static_cast<long long>(options.jobs) * options.candidates > kMaxJobCandidateProduct)
        fail("jobs x candidates must not exceed " + std::to_string(kMaxJobCandidateProduct) + ", got "
             + std::to_string(static_cast<long long>(options.jobs) * options.candidates));
    if (options.pairs < 0 || options.pairs > kMaxPairs)
        fail("pairs must be between 0 and " + std::to_string(kMaxPairs) + ", got " + std::to_string(options.pairs));
    const long long perJob = static_cast<long long>(options.candidates) * (options.candidates - 1) / 2;
    if (options.pairs > perJob * options.jobs)
        fail("pairs (" + std::to_string(options.pairs) + ") exceed the " + std::to_string(perJob * options.jobs)
             + " distinct pairs that " + std::to_string(options.jobs) + " jobs and " + std::to_string(options.candidates)
             + " candidates allow");
    if (options.swappedPerMille < 0 || options.swappedPerMille > 1000)
        fail("swappedPerMille must be between 0 and 1000, got " + std::to_string(options.swappedPerMille));
}

int countInArea(const DemoCandidate& candidate, int area)
{
    int count = 0;
    for (int s : candidate.publicationSubtopics)
        count += (s / kSubtopicsPerArea == area) ? 1 : 0;
    return count;
}

bool areaPlausible(const DemoJob& job, const DemoCandidate& candidate)
{
    return 2 * countInArea(candidate, job.area) >= static_cast<int>(candidate.publicationSubtopics.size());
}

bool levelFits(int jobLevel, int candidateLevel)
{
    return candidateLevel == jobLevel || candidateLevel == jobLevel + 1;
}

DemoJob latentJob(DemoRandom& rng)
{
    DemoJob job;
    job.area = rng.below(areaCount());
    job.subtopic = job.area * kSubtopicsPerArea + rng.below(kSubtopicsPerArea);
    job.region = rng.below(regionCount());
    job.level = rng.weighted({40, 30, 20, 10}); // postdoc ads are the most common
    return job;
}

DemoCandidate latentCandidate(DemoRandom& rng)
{
    DemoCandidate c;
    c.area = rng.below(areaCount());
    c.region = rng.below(regionCount());
    c.level = rng.weighted({20, 30, 30, 20});
    static constexpr int kPublications[4][2] = {{2, 4}, {4, 7}, {6, 10}, {9, 14}};
    const int n = rng.between(kPublications[c.level][0], kPublications[c.level][1]);

    // Interdisciplinary researchers put up to half of their work into a related area.
    int outside = 0;
    int outsideSubtopic = 0;
    if (rng.chance(120)) {
        outside = rng.between(1, n / 2);
        const int related = relatedArea(c.area, rng.below(2));
        outsideSubtopic = related * kSubtopicsPerArea + rng.below(kSubtopicsPerArea);
    }
    const int inside = n - outside;
    const int chosen = std::min(1 + rng.weighted({30, 45, 25}), inside);
    const std::vector<int> local = rng.sample(kSubtopicsPerArea, chosen);
    // The first sub-topic carries the majority of the in-area work; each other one at least one paper.
    const int primary = std::max(inside * rng.between(50, 80) / 100, 1);
    std::vector<int> pubs(static_cast<std::size_t>(primary), c.area * kSubtopicsPerArea + local[0]);
    for (int i = primary, k = 1; i < inside; ++i, ++k) {
        const int which = chosen == 1 ? 0 : (k < chosen ? k : 1 + rng.below(chosen - 1));
        pubs.push_back(c.area * kSubtopicsPerArea + local[static_cast<std::size_t>(which)]);
    }
    for (int i = 0; i < outside; ++i)
        pubs.push_back(outsideSubtopic);
    rng.shuffle(pubs);
    c.publicationSubtopics = pubs;

    // Distinct sub-topics, most frequent first (ties by id: a total order, so the sort is deterministic).
    std::vector<std::pair<int, int>> counted; // (-count, subtopic)
    for (int s : pubs) {
        auto it = std::find_if(counted.begin(), counted.end(), [s](const auto& e) { return e.second == s; });
        if (it == counted.end())
            counted.push_back({-1, s});
        else
            --it->first;
    }
    std::sort(counted.begin(), counted.end());
    for (const auto& e : counted)
        c.subtopics.push_back(e.second);
    return c;
}

std::vector<DemoLabel> labelsFor(int jobIndex, const DemoJob& job, const std::vector<DemoCandidate>& candidates,
                                 DemoRandom& rng)
{
    // Rule-rejected candidates by how hard they are: "topical" ones publish on the job's very
    // sub-topic, as a similarity search would surface them, yet fail on region or seniority.
    std::vector<int> positives, topicalWrongRegion, wrongRegion, topicalWrongLevel, wrongLevel, otherArea, rest;
    for (int i = 0; i < static_cast<int>(candidates.size()); ++i) {
        const DemoCandidate& c = candidates[static_cast<std::size_t>(i)];
        const bool topical = std::count(c.publicationSubtopics.begin(), c.publicationSubtopics.end(), job.subtopic) > 0;
        if (demoRuleRelevant(job, c))
            positives.push_back(i);
        else if (areaPlausible(job, c) && c.region != job.region)
            (topical ? topicalWrongRegion : wrongRegion).push_back(i);
        else if (areaPlausible(job, c))
            (topical ? topicalWrongLevel : wrongLevel).push_back(i);
        else if (c.region == job.region)
            otherArea.push_back(i);
        else
            rest.push_back(i);
    }
    // A sample of rule-rejected candidates as explicit negatives, most of them hard: the right area,
    // often the right sub-topic, but the wrong region or seniority. Mined like this, the negatives
    // teach stage 1 the rules rather than topical similarity, as the paper's stage 1 learns them.
    std::vector<int> negatives;
    auto take = [&](const std::vector<int>& from, int wanted) {
        const int k = std::min(wanted, static_cast<int>(from.size()));
        for (int index : rng.sample(static_cast<int>(from.size()), k))
            negatives.push_back(from[static_cast<std::size_t>(index)]);
    };
    const int target = rng.between(24, 36);
    take(topicalWrongRegion, 7);
    take(wrongRegion, 3);
    take(topicalWrongLevel, 5);
    take(wrongLevel, 3);
    take(otherArea, 4);
    take(rest, std::max(0, target - static_cast<int>(negatives.size())));

    std::vector<DemoLabel> labels;
    for (int p : positives)
        labels.push_back({jobIndex, p, 1});
    for (int n : negatives)
        labels.push_back({jobIndex, n, 0});
    std::sort(labels.begin(), labels.end(),
              [](const DemoLabel& a, const DemoLabel& b) { return a.candidate < b.candidate; });
    return labels;
}

// Pairs for one job, drawn like the paper's (from near the top of a stage-1 ranking): both candidates
// in the job's area, mostly two rule-positives (70%), else a rule-positive and a same-area near miss
// (25%) or two near misses; jobs with few positives fall back to near misses. Pairs of positives let
// stage 2 learn topical fit without promoting candidates that the rules reject.
std::vector<std::pair<int, int>> pairsFor(const DemoJob& job, const std::vector<DemoCandidate>& candidates,
                                          int quota, DemoRandom& rng)
{
    const int n = static_cast<int>(candidates.size());
    std::vector<int> positives, nearMisses, fit(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const DemoCandidate& c = candidates[static_cast<std::size_t>(i)];
        fit[static_cast<std::size_t>(i)] = demoTopicalFit(job, c);
        if (demoRuleRelevant(job, c))
            positives.push_back(i);
        else if (areaPlausible(job, c))
            nearMisses.push_back(i);
    }
    std::vector<int> pool = positives;
    pool.insert(pool.end(), nearMisses.begin(), nearMisses.end());
    std::vector<int> everyone(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        everyone[static_cast<std::size_t>(i)] = i;
    if (pool.size() < 2)
        pool = everyone;

    std::set<std::pair<int, int>> used;
    std::vector<std::pair<int, int>> pairs;
    auto unordered = [](int a, int b) { return a < b ? std::make_pair(a, b) : std::make_pair(b, a); };
    for (int made = 0; made < quota; ++made) {
        bool found = false;
        for (int attempt = 0; attempt < 20 && !found; ++attempt) {
            const int kind = rng.below(100);
            const std::vector<int>* firstGroup = &pool;
            const std::vector<int>* secondGroup = &pool;
            if (kind < 70 && positives.size() >= 2) {
                firstGroup = secondGroup = &positives;
            } else if (kind < 95 && !positives.empty() && !nearMisses.empty()) {
                // Either side may be drawn first: the contrast filter below makes the second draw the
                // better-fitting one more often, and that must not favour rule-positives or near misses.
                const bool positiveFirst = rng.chance(500);
                firstGroup = positiveFirst ? &positives : &nearMisses;
                secondGroup = positiveFirst ? &nearMisses : &positives;
            } else if (nearMisses.size() >= 2) {
                firstGroup = secondGroup = &nearMisses;
            }
            const int a = rng.pick(*firstGroup);
            std::vector<int> options;
            for (int b : *secondGroup)
                if (b != a && !used.count(unordered(a, b)))
                    options.push_back(b);
            if (rng.chance(kContrastPerMille)) {
                std::vector<int> contrasting;
                for (int b : options)
                    if (std::abs(fit[static_cast<std::size_t>(a)] - fit[static_cast<std::size_t>(b)]) >= kContrastGap)
                        contrasting.push_back(b);
                if (!contrasting.empty())
                    options.swap(contrasting);
            }
            if (options.empty())
                continue;
            const int b = rng.pick(options);
            used.insert(unordered(a, b));
            pairs.push_back({a, b});
            found = true;
        }
        // Exhausted pools (tiny corpora): take the first unused pair in index order.
        for (int a = 0; a < n && !found; ++a) {
            for (int b = a + 1; b < n && !found; ++b) {
                if (!used.count({a, b})) {
                    used.insert({a, b});
                    pairs.push_back({a, b});
                    found = true;
                }
            }
        }
        if (!found)
            throw std::logic_error("demo corpus: no unused pair left for a job"); // excluded by validate()
    }
    return pairs;
}

} // namespace

bool demoRuleRelevant(const DemoJob& job, const DemoCandidate& candidate)
{
    return !candidate.publicationSubtopics.empty() && areaPlausible(job, candidate) && candidate.region == job.region
        && levelFits(job.level, candidate.level);
}

int demoTopicalFit(const DemoJob& job, const DemoCandidate& candidate)
{
    const int n = static_cast<int>(candidate.publicationSubtopics.size());
    if (n == 0)
        return 0;
    const int onSubtopic = static_cast<int>(
        std::count(candidate.publicationSubtopics.begin(), candidate.publicationSubtopics.end(), job.subtopic));
    return (800 * onSubtopic + 200 * countInArea(candidate, job.area)) / n;
}

DemoCorpus generateDemoCorpus(const DemoOptions& options)
{
    validate(options);
    const DemoVocabulary vocabulary;
    const DemoJobWriter jobWriter(vocabulary);
    const DemoProfileWriter profileWriter(vocabulary);
    const DemoJudge judge(vocabulary);

    std::vector<JobDraft> jobs;
    jobs.reserve(static_cast<std::size_t>(options.jobs));
    for (int i = 0; i < options.jobs; ++i) {
        DemoRandom rng = DemoRandom::stream(options.seed, JobStream, static_cast<std::uint64_t>(i));
        DemoJob job = latentJob(rng);
        job.externalId = "demo://job/" + std::to_string(i + 1);
        jobs.push_back(jobWriter.write(std::move(job), rng));
    }

    std::vector<CandidateDraft> drafts;
    drafts.reserve(static_cast<std::size_t>(options.candidates));
    for (int i = 0; i < options.candidates; ++i) {
        DemoRandom rng = DemoRandom::stream(options.seed, CandidateStream, static_cast<std::uint64_t>(i));
        DemoCandidate candidate = latentCandidate(rng);
        candidate.externalId = "demo://candidate/" + std::to_string(i + 1);
        drafts.push_back(profileWriter.write(std::move(candidate), rng));
    }

    DemoCorpus corpus;
    for (const JobDraft& d : jobs)
        corpus.jobs.push_back(d.job);
    for (const CandidateDraft& d : drafts)
        corpus.candidates.push_back(d.candidate);

    for (int j = 0; j < options.jobs; ++j) {
        DemoRandom rng = DemoRandom::stream(options.seed, LabelStream, static_cast<std::uint64_t>(j));
        const std::vector<DemoLabel> labels = labelsFor(j, corpus.jobs[static_cast<std::size_t>(j)], corpus.candidates, rng);
        corpus.labels.insert(corpus.labels.end(), labels.begin(), labels.end());
    }

    // Pairs, spread evenly over the jobs, each shown in a random order.
    struct Shown {
        int job, first, second;
    };
    std::vector<Shown> shown;
    for (int j = 0; j < options.jobs; ++j) {
        const int quota = options.pairs / options.jobs + (j < options.pairs % options.jobs ? 1 : 0);
        if (quota == 0)
            continue;
        DemoRandom rng = DemoRandom::stream(options.seed, PairStream, static_cast<std::uint64_t>(j));
        for (const auto& [a, b] : pairsFor(corpus.jobs[static_cast<std::size_t>(j)], corpus.candidates, quota, rng)) {
            const bool swap = rng.chance(500);
            shown.push_back({j, swap ? b : a, swap ? a : b});
        }
    }

    DemoRandom clock = DemoRandom::stream(options.seed, ClockStream, 0);
    std::int64_t now = kFirstJudgementTime;
    auto record = [&](const Shown& s, DemoRandom& rng, bool rejudgement) {
        const DemoJudgement j = judge.judge(jobs[static_cast<std::size_t>(s.job)], drafts[static_cast<std::size_t>(s.first)],
                                            drafts[static_cast<std::size_t>(s.second)], rng);
        DemoPreference p;
        p.job = s.job;
        p.first = s.first;
        p.second = s.second;
        p.choice = j.choice;
        p.confidence = j.confidence;
        p.rationale = j.rationale;
        p.annotator = kDemoAnnotator;
        p.createdAt = now;
        p.swappedRejudgement = rejudgement;
        now += clock.between(3, 9);
        corpus.preferences.push_back(std::move(p));
    };
    for (std::size_t i = 0; i < shown.size(); ++i) {
        DemoRandom rng = DemoRandom::stream(options.seed, JudgeStream, i);
        record(shown[i], rng, false);
    }
    // The swap audit: a share of pairs judged again, later, with the order reversed.
    const int total = static_cast<int>(shown.size());
    DemoRandom pick = DemoRandom::stream(options.seed, RejudgeStream, 0);
    std::vector<int> again = pick.sample(total, static_cast<int>(static_cast<long long>(total) * options.swappedPerMille / 1000));
    std::sort(again.begin(), again.end());
    for (int index : again) {
        const Shown& s = shown[static_cast<std::size_t>(index)];
        DemoRandom rng = DemoRandom::stream(options.seed, RejudgeStream, static_cast<std::uint64_t>(index) + 1);
        record({s.job, s.second, s.first}, rng, true);
    }
    return corpus;
}

int demoAreaCount()
{
    return areaCount();
}

int demoSubtopicCount()
{
    return areaCount() * kSubtopicsPerArea;
}

int demoSubtopicArea(int subtopic)
{
    if (subtopic < 0 || subtopic >= demoSubtopicCount())
        throw usageError("demo corpus: no sub-topic " + std::to_string(subtopic));
    return subtopic / kSubtopicsPerArea;
}

int demoRegionCount()
{
    return regionCount();
}

std::string demoRegionName(int region)
{
    return regionSpec(region).country;
}

int demoLevelCount()
{
    return 4;
}

} // namespace rankpo::demo
