#include "core/evaluation/judged_ranking.h"

#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <unordered_map>

namespace rankpo {

JudgedRanking judgeRanking(std::string queryId, std::vector<ScoredDocument> retrieved,
                           const std::vector<JudgedDocument>& judgements)
{
    for (const auto& doc : retrieved) {
        if (std::isnan(doc.score))
            throw dataError("query " + queryId + ": document " + std::to_string(doc.document) + " has a NaN score");
    }
    // The comparator is a strict weak order only because NaN was rejected above.
    std::sort(retrieved.begin(), retrieved.end(), [](const ScoredDocument& a, const ScoredDocument& b) {
        if (a.score != b.score)
            return a.score > b.score;
        return a.document > b.document;
    });
    for (std::size_t i = 1; i < retrieved.size(); ++i) {
        if (retrieved[i].document == retrieved[i - 1].document)
            throw dataError("query " + queryId + ": document " + std::to_string(retrieved[i].document)
                            + " is retrieved more than once");
    }

    std::unordered_map<std::int64_t, int> relevanceOf;
    relevanceOf.reserve(judgements.size() * 2);
    JudgedRanking ranking;
    ranking.queryId = std::move(queryId);
    for (const auto& judged : judgements) {
        if (!relevanceOf.emplace(judged.document, judged.relevance).second)
            throw dataError("query " + ranking.queryId + ": document " + std::to_string(judged.document)
                            + " is judged more than once");
        if (judged.relevance >= 1)
            ranking.idealGains.push_back(judged.relevance);
    }
    std::sort(ranking.idealGains.begin(), ranking.idealGains.end(), std::greater<int>());

    ranking.relevance.reserve(retrieved.size());
    ranking.scores.reserve(retrieved.size());
    for (const auto& doc : retrieved) {
        const auto it = relevanceOf.find(doc.document);
        // A negative qrels value (in the pool, unjudged) counts like an unjudged document.
        ranking.relevance.push_back(it == relevanceOf.end() || it->second < 0 ? JudgedRanking::kNotJudged : it->second);
        ranking.scores.push_back(doc.score);
    }
    return ranking;
}

} // namespace rankpo
