// Ranking metrics at scale: both families (standard and upstream) for 10,000 queries x 100 results with
// the paper's cutoffs. There is no C++ peer to run beside it; the budget is the issue's: well under a
// second. Exits non-zero above one second.
//
//   bench_ranking_metrics [--queries 10000] [--results 100] [--repeats 5]
#include "core/evaluation/standard_metrics_evaluator.h"
#include "core/evaluation/upstream_metrics_evaluator.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

int main(int argc, char** argv)
{
    std::size_t queries = 10000, results = 100;
    int repeats = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        if (name == "--queries") queries = std::strtoull(argv[i + 1], nullptr, 10);
        else if (name == "--results") results = std::strtoull(argv[i + 1], nullptr, 10);
        else if (name == "--repeats") repeats = std::atoi(argv[i + 1]);
        else {
            std::fprintf(stderr, "unknown option %s\n", name.c_str());
            return 2;
        }
    }

    // Rankings as retrieval hands them over: ids and scores, judged against qrels with graded relevance.
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> score(-1.0, 1.0);
    std::uniform_int_distribution<int> relevance(0, 9);
    std::vector<std::vector<rankpo::ScoredDocument>> retrieved(queries);
    std::vector<std::vector<rankpo::JudgedDocument>> judged(queries);
    for (std::size_t q = 0; q < queries; ++q) {
        for (std::size_t r = 0; r < results; ++r) {
            retrieved[q].push_back({static_cast<std::int64_t>(r * 7 + q % 5), score(rng)});
            if (r % 3 == 0)
                judged[q].push_back({static_cast<std::int64_t>(r * 7 + q % 5), std::max(0, relevance(rng) - 6)});
        }
        judged[q].push_back({1000000, 1}); // a relevant document that was not retrieved
    }

    const rankpo::StandardMetricsEvaluator standard;
    const rankpo::UpstreamMetricsEvaluator upstream;
    double bestPrepare = 1e300, bestStandard = 1e300, bestUpstream = 1e300;
    double checksum = 0.0;
    for (int rep = 0; rep < repeats; ++rep) {
        auto t0 = std::chrono::steady_clock::now();
        std::vector<rankpo::JudgedRanking> rankings;
        rankings.reserve(queries);
        for (std::size_t q = 0; q < queries; ++q)
            rankings.push_back(rankpo::judgeRanking(std::to_string(q), retrieved[q], judged[q]));
        auto t1 = std::chrono::steady_clock::now();
        const auto s = standard.evaluate(rankings);
        auto t2 = std::chrono::steady_clock::now();
        const auto u = upstream.evaluate(rankings);
        auto t3 = std::chrono::steady_clock::now();
        bestPrepare = std::min(bestPrepare, std::chrono::duration<double>(t1 - t0).count());
        bestStandard = std::min(bestStandard, std::chrono::duration<double>(t2 - t1).count());
        bestUpstream = std::min(bestUpstream, std::chrono::duration<double>(t3 - t2).count());
        checksum = s.at("nDCG@20") + u.at("AUC@100");
    }
    const double total = bestPrepare + bestStandard + bestUpstream;
    std::printf("ranking metrics: %zu queries x %zu results, cutoffs 1,5,10,20,100, best of %d\n", queries, results, repeats);
    std::printf("rank + judge      %8.4f s\n", bestPrepare);
    std::printf("standard family   %8.4f s\n", bestStandard);
    std::printf("upstream family   %8.4f s\n", bestUpstream);
    std::printf("total             %8.4f s   (budget 1 s, ratio %.3f)   [checksum %.6f]\n", total, total / 1.0, checksum);
    return total <= 1.0 ? 0 : 1;
}
