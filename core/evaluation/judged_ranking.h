#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rankpo {

// A retrieved document and the score the model gave it. Documents are int64 keys: candidate ids from
// the project store, or keys that TrecEvaluationInput assigns to TREC docnos in byte order.
struct ScoredDocument {
    std::int64_t document = 0;
    double score = 0.0;
};

// A relevance judgement (a qrels line, a rule label): >= 1 relevant (graded), 0 judged not relevant,
// negative: in the pool but not judged (trec_eval's convention). All count as not relevant.
struct JudgedDocument {
    std::int64_t document = 0;
    int relevance = 0;
};

// Everything the ranking metrics need about one query, prepared once and shared by both metric
// families:
//  - the relevance of the document at each rank (0-based), kNotJudged where the qrels do not mention it;
//  - the score at each rank (non-increasing);
//  - the relevance levels >= 1 of every judged document of the query, retrieved or not, in descending
//    order: the ideal ranking of nDCG, and its size is the number of relevant documents.
struct JudgedRanking {
    static constexpr int kNotJudged = -1;

    std::string queryId;
    std::vector<int> relevance;
    std::vector<double> scores;
    std::vector<int> idealGains;

    std::size_t retrieved() const { return relevance.size(); }
    std::size_t relevantCount() const { return idealGains.size(); }
};

// Ranks `retrieved` and attaches `judgements` (which need not cover the retrieved documents).
//
// The ranking is trec_eval's (form_res_rels.c, comp_sim_docno): by score, highest first; equal scores
// are ordered by document key, HIGHER key first. For TREC files the keys follow the docnos' byte
// order, so this is exactly trec_eval's strcmp(docno2, docno1); for store ids it is the numerically
// larger id first. Scores compare as doubles, as in trec_eval 9.0.8 (TEXT_RESULTS.sim is a double
// there; versions before 9.0.8 read it as a float, so scores equal in float tied there). Whatever order
// `retrieved` comes in (the rank column of a run file included) is ignored, as trec_eval ignores it.
//
// Throws a data error on a NaN score, a document retrieved twice, or a document judged twice
// (trec_eval rejects both duplicates too).
JudgedRanking judgeRanking(std::string queryId, std::vector<ScoredDocument> retrieved,
                           const std::vector<JudgedDocument>& judgements);

} // namespace rankpo
