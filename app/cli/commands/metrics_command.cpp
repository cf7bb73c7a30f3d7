// rankpo metrics: ranking metrics of a TREC run against TREC qrels, in both labelled families.
#include "app/cli/command.h"
#include "core/evaluation/metric_keys.h"
#include "core/evaluation/evaluation_json.h"
#include "core/evaluation/metric_cutoffs.h"
#include "core/evaluation/standard_metrics_evaluator.h"
#include "core/evaluation/trec_evaluation_input.h"
#include "core/evaluation/upstream_metrics_evaluator.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

namespace rankpo::cli {
namespace {

std::string cell(const std::optional<double>& value)
{
    if (!value)
        return "-";
    if (std::isnan(*value))
        return "n/a";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", *value);
    return buffer;
}

// One row per metric name and cutoff; a family without that metric shows "-".
void printTable(const MetricCutoffs& cutoffs, const MetricValues& standard, const MetricValues& upstream)
{
    std::printf("%-12s %10s %10s\n", "metric", StandardMetricsEvaluator::kFamily, UpstreamMetricsEvaluator::kFamily);
    for (const char* name : {"nDCG", "MRR", "Recall", "MAP", "AUC"}) {
        for (int k : cutoffs.values()) {
            const std::string key = metricKey(name, k);
            std::printf("%-12s %10s %10s\n", key.c_str(), cell(standard.find(key)).c_str(), cell(upstream.find(key)).c_str());
        }
    }
    std::printf("standard: trec_eval definitions (graded gains, ideal over all judged documents)\n"
                "upstream: the paper's compute_metrics (binary hits within the retrieved list; AUC pooled)\n");
}

void setupMetrics(CLI::App& root)
{
    auto* cmd = root.add_subcommand("metrics", "Ranking metrics of a TREC run against TREC qrels (standard and upstream families)");
    struct Options {
        std::string qrels;
        std::string run;
        std::string cutoffs = "1,5,10,20,100";
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("--qrels", o->qrels, "Relevance judgements, lines 'qid 0 docid relevance'")->required();
    cmd->add_option("--run", o->run, "Ranked results, lines 'qid Q0 docid rank score tag'")->required();
    cmd->add_option("--cutoffs", o->cutoffs, "Comma-separated ranks to cut metrics at")->capture_default_str();
    cmd->add_flag("--json", o->json, "Print JSON: {\"standard\": {...}, \"upstream\": {...}, \"queries\": N}");
    cmd->footer("Queries are those of the run that the qrels judge (trec_eval's rule). Equal scores rank the\n"
                "higher docno (byte order) first, as trec_eval does; the rank column is ignored.");
    cmd->callback([o] {
        const auto cutoffs = MetricCutoffs::parse(o->cutoffs);
        const auto qrels = readTrecQrels(o->qrels);
        const auto run = readTrecRun(o->run);
        const auto input = joinTrecRunWithQrels(qrels, run);
        if (input.rankings.empty())
            throw dataError(o->run + ": no query of the run is judged in " + o->qrels);
        const auto standard = StandardMetricsEvaluator(cutoffs).evaluate(input.rankings);
        const auto upstream = UpstreamMetricsEvaluator(cutoffs).evaluate(input.rankings);
        if (o->json) {
            nlohmann::ordered_json j;
            j[metric_keys::Standard] = toJson(standard);
            j[metric_keys::Upstream] = toJson(upstream);
            j["queries"] = input.rankings.size();
            std::cout << j.dump(2) << "\n";
            return;
        }
        std::printf("%zu queries evaluated", input.rankings.size());
        if (input.runQueriesWithoutQrels > 0)
            std::printf("; %zu run queries without qrels skipped", input.runQueriesWithoutQrels);
        if (input.qrelsQueriesWithoutRun > 0)
            std::printf("; %zu judged queries absent from the run", input.qrelsQueriesWithoutRun);
        std::printf("\n");
        printTable(cutoffs, standard, upstream);
    });
}

} // namespace

RANKPO_CLI_COMMAND(60, "metrics", setupMetrics);

} // namespace rankpo::cli
