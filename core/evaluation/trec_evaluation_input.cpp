#include "core/evaluation/trec_evaluation_input.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <unordered_map>

namespace rankpo {

TrecEvaluationInput joinTrecRunWithQrels(const TrecQrels& qrels, const TrecRun& run)
{
    // Indices of each query's lines.
    std::unordered_map<std::string_view, std::vector<std::size_t>> judgedByQuery;
    for (std::size_t i = 0; i < qrels.judgements.size(); ++i)
        judgedByQuery[qrels.judgements[i].queryId].push_back(i);
    std::unordered_map<std::string_view, std::vector<std::size_t>> retrievedByQuery;
    for (std::size_t i = 0; i < run.lines.size(); ++i)
        retrievedByQuery[run.lines[i].queryId].push_back(i);

    TrecEvaluationInput input;
    for (const auto& [query, judged] : judgedByQuery) {
        if (retrievedByQuery.find(query) == retrievedByQuery.end())
            ++input.qrelsQueriesWithoutRun;
    }
    // Queries in byte order, as trec_eval evaluates them.
    std::vector<std::string_view> queries;
    queries.reserve(retrievedByQuery.size());
    for (const auto& [query, lines] : retrievedByQuery)
        queries.push_back(query);
    std::sort(queries.begin(), queries.end());

    std::unordered_map<std::string_view, int> relevanceOf;
    for (const std::string_view query : queries) {
        auto& retrieved = retrievedByQuery[query];
        const auto judgedIt = judgedByQuery.find(query);
        if (judgedIt == judgedByQuery.end()) {
            ++input.runQueriesWithoutQrels;
            continue;
        }
        JudgedRanking ranking;
        ranking.queryId = std::string(query);
        relevanceOf.clear();
        for (std::size_t i : judgedIt->second) {
            const auto& j = qrels.judgements[i];
            relevanceOf.emplace(j.docId, j.relevance);
            if (j.relevance >= 1)
                ranking.idealGains.push_back(j.relevance);
        }
        std::sort(ranking.idealGains.begin(), ranking.idealGains.end(), std::greater<int>());

        // trec_eval's comp_sim_docno: higher score first, then strcmp(docno2, docno1). The readers
        // reject NaN, so this is a strict weak order.
        std::sort(retrieved.begin(), retrieved.end(), [&run](std::size_t a, std::size_t b) {
            const auto& la = run.lines[a];
            const auto& lb = run.lines[b];
            if (la.score != lb.score)
                return la.score > lb.score;
            return la.docId > lb.docId;
        });
        ranking.relevance.reserve(retrieved.size());
        ranking.scores.reserve(retrieved.size());
        for (std::size_t i : retrieved) {
            const auto& line = run.lines[i];
            const auto it = relevanceOf.find(line.docId);
            ranking.relevance.push_back(it == relevanceOf.end() || it->second < 0 ? JudgedRanking::kNotJudged : it->second);
            ranking.scores.push_back(line.score);
        }
        input.rankings.push_back(std::move(ranking));
    }
    return input;
}

} // namespace rankpo
