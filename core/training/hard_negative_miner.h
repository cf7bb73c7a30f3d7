#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace rankpo {

// How the negatives are picked from a job's search range (upstream get_hard_negatives.py `--method`).
enum class HardNegativeMethod {
    TopK,   // the first negativesPerJob non-positives: the hardest ones
    Sample, // negativesPerJob drawn at random (seeded) from all the range's non-positives: hard, but fewer of them
            // are the unlabelled positives that crowd the very top
};

std::string_view toString(HardNegativeMethod method); // "topk", "sample"
std::optional<HardNegativeMethod> hardNegativeMethodFromString(std::string_view text);

// Which of a job's ranked candidates become its hard negatives: upstream's get_hard_negatives.py
// with method `topk` or `sample`. The candidates at ranks [skipTop, searchDepth) of the current model's
// ranking are the search range (its `search_range`, "0-100" by default); the known positives are dropped
// from it, and negativesPerJob of those that remain are the job's negatives. skipTop > 0 leaves
// the very top out on purpose: those are the likeliest unlabelled positives (false negatives).
struct HardNegativeMinerOptions {
    int skipTop = 0;
    int searchDepth = 100;   // 0: the whole ranking
    int negativesPerJob = 10;
    bool allowFewer = false; // upstream stops with an error when a job has too few; true keeps what there is
    HardNegativeMethod method = HardNegativeMethod::TopK;
    std::uint64_t seed = 42; // Sample: job j's draw comes from deriveSeed(seed, j) (the run sets it from its own seed)

    void validate() const; // throws rankpo::Error(Usage) naming the field
};

using CandidateIndex = std::int64_t;

// Row-major [jobs, candidates] scores (e.g. cosine similarities), not owned.
struct ScoreMatrixView {
    const float* data = nullptr;
    std::size_t jobs = 0;
    std::size_t candidates = 0;
};

class HardNegativeMiner {
public:
    explicit HardNegativeMiner(HardNegativeMinerOptions options = {}); // validates

    const HardNegativeMinerOptions& options() const { return m_options; }

    // rankedLists[j]: job j's candidates, best first (a repeated candidate counts once).
    // positives[j]: job j's known positives, never returned. Result[j]: job j's negatives, best first
    // (Sample: the drawn ones, in rank order).
    // Throws rankpo::Error(Data) on negative indices, mismatched list counts, or (unless allowFewer)
    // a job with fewer than negativesPerJob negatives in its search range, naming the job.
    std::vector<std::vector<CandidateIndex>> mine(const std::vector<std::vector<CandidateIndex>>& rankedLists,
                                                  const std::vector<std::vector<CandidateIndex>>& positives) const;

    // Ranks each row of `scores` first (descending; equal scores by lower index), then as above.
    // Also throws on a NaN score or a positive outside [0, candidates).
    std::vector<std::vector<CandidateIndex>> mine(const ScoreMatrixView& scores,
                                                  const std::vector<std::vector<CandidateIndex>>& positives) const;

    // The `depth` best columns of one row (all when depth is 0 or larger than the row), best first.
    static std::vector<CandidateIndex> rankRow(const float* row, std::size_t candidates, std::size_t depth);

private:
    HardNegativeMinerOptions m_options;
};

} // namespace rankpo
