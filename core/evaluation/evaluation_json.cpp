#include "core/evaluation/evaluation_json.h"

#include <cmath>

namespace rankpo {
namespace {

nlohmann::ordered_json agreementJson(const AgreementStats& s)
{
    nlohmann::ordered_json j;
    j["rater_a"] = s.raterA;
    j["rater_b"] = s.raterB;
    j["shared_pairs"] = s.sharedPairs;
    j["comparisons"] = s.comparisons;
    j["agreement"] = numberOrNull(s.agreement);
    j["expected_agreement"] = numberOrNull(s.expectedAgreement);
    j["kappa"] = numberOrNull(s.kappa);
    return j;
}

} // namespace

nlohmann::ordered_json toJson(const MetricValues& values)
{
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (const auto& [key, value] : values.entries())
        j[key] = numberOrNull(value);
    return j;
}

nlohmann::ordered_json toJson(const AlignmentReport& report)
{
    nlohmann::ordered_json groups = nlohmann::ordered_json::array();
    for (const auto& g : report.groups) {
        nlohmann::ordered_json j;
        j["group"] = g.group;
        j["pairs"] = g.pairs;
        j["aligned"] = g.aligned;
        j["score_ties"] = g.scoreTies;
        j["rate"] = numberOrNull(g.rate);
        j["ci95"] = {g.interval95.lower, g.interval95.upper};
        groups.push_back(std::move(j));
    }
    nlohmann::ordered_json j;
    j["judged_ties"] = report.judgedTies;
    j["groups"] = std::move(groups);
    return j;
}

namespace {

nlohmann::ordered_json teamJson(const MultiRaterAgreement& a)
{
    nlohmann::ordered_json j;
    j["units"] = a.units;
    j["ratings"] = a.ratings;
    j["krippendorff_alpha"] = numberOrNull(a.krippendorffAlpha);
    j["fleiss_kappa"] = numberOrNull(a.fleissKappa);
    j["observed_agreement"] = numberOrNull(a.observedAgreement);
    j["expected_agreement"] = numberOrNull(a.expectedAgreement);
    return j;
}

} // namespace

nlohmann::ordered_json toJson(const AgreementReport& report)
{
    nlohmann::ordered_json j;
    j["team"] = {{"people", teamJson(report.people)}, {"everyone", teamJson(report.everyone)}};
    j["human_vs_ai"] = agreementJson(report.humanVsAi);
    j["between_raters"] = nlohmann::ordered_json::array();
    for (const auto& s : report.betweenRaters)
        j["between_raters"].push_back(agreementJson(s));
    return j;
}

nlohmann::ordered_json toJson(const JudgeAuditReport& report)
{
    nlohmann::ordered_json position = nlohmann::ordered_json::array();
    for (const auto& p : report.positionBias) {
        nlohmann::ordered_json j;
        j["judge"] = p.judge;
        j["judgements"] = p.judgements;
        j["ties"] = p.ties;
        j["first_shown_wins"] = p.firstShownWins;
        j["first_shown_win_rate"] = numberOrNull(p.firstShownWinRate);
        j["p_value"] = p.pValue;
        position.push_back(std::move(j));
    }
    nlohmann::ordered_json swap = nlohmann::ordered_json::array();
    for (const auto& s : report.swapConsistency) {
        nlohmann::ordered_json j;
        j["judge"] = s.judge;
        j["pairs"] = s.pairs;
        j["comparisons"] = s.comparisons;
        j["consistent"] = s.consistent;
        j["first_shown_won_both"] = s.firstShownWonBoth;
        j["rate"] = numberOrNull(s.rate);
        swap.push_back(std::move(j));
    }
    nlohmann::ordered_json calibration = nlohmann::ordered_json::array();
    for (const auto& c : report.calibration) {
        nlohmann::ordered_json buckets = nlohmann::ordered_json::array();
        for (const auto& b : c.buckets) {
            nlohmann::ordered_json j;
            j["confidence"] = {b.lowerConfidence, b.upperConfidence};
            j["comparisons"] = b.comparisons;
            j["correct"] = b.correct;
            j["accuracy"] = numberOrNull(b.accuracy);
            j["mean_confidence"] = numberOrNull(b.meanConfidence);
            buckets.push_back(std::move(j));
        }
        nlohmann::ordered_json j;
        j["judge"] = c.judge;
        j["comparisons"] = c.comparisons;
        j["correct"] = c.correct;
        j["without_confidence"] = c.withoutConfidence;
        j["accuracy"] = numberOrNull(c.accuracy);
        j["expected_calibration_error"] = numberOrNull(c.expectedCalibrationError);
        j["buckets"] = std::move(buckets);
        calibration.push_back(std::move(j));
    }
    nlohmann::ordered_json j;
    j["position_bias"] = std::move(position);
    j["swap_consistency"] = std::move(swap);
    j["calibration"] = std::move(calibration);
    return j;
}

} // namespace rankpo
