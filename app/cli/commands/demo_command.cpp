// rankpo demo: the paper's experiment on the built-in demo corpus, end to end.
#include "app/cli/command.h"
#include "core/evaluation/metric_keys.h"
#include "app/cli/training_cli.h"
#include "core/util/error.h"
#include "workflows/demo_pipeline.h"

#include <cmath>
#include <cstdio>
#include <iostream>

namespace rankpo::cli {
namespace {

void setupDemo(CLI::App& root)
{
    auto* cmd = root.add_subcommand("demo", "Run the demo pipeline: demo project, base model, stage 1, RankPO and SFT, "
                                            "all evaluated on held-out jobs; writes DIR/report.json and CSV tables");
    auto o = std::make_shared<workflows::DemoPipelineOptions>();
    auto out = std::make_shared<std::string>();
    cmd->add_option("--out", *out, "Folder for the demo project, its runs and the report")->required();
    cmd->add_flag("--quick", o->quick, "The short version (within 15 minutes on 2 CPU cores)");
    cmd->add_option("--base", o->baseModel, "Pretrained model to start from")->capture_default_str();
    cmd->add_option("--device", o->device, "auto, cpu or cuda")->capture_default_str()->check(CLI::IsMember({"auto", "cpu", "cuda"}));
    cmd->add_option("--threads", o->threads, "CPU threads (0: all cores)")->check(CLI::NonNegativeNumber);
    cmd->add_option("--seed", o->seed, "Seed of the corpus, the split and the training")->capture_default_str();
    cmd->callback([o, out] {
        o->outDir = *out;
        o->cancel = installInterruptHandler();
        TrainingPrinter printer("train");
        o->onStage = [&printer](const std::string& stage) {
            printer.finish();
            std::cerr << "demo: " << stage << "\n";
        };
        o->onTrainingProgress = [&printer](const TrainingProgress& p) { printer(p); };
        const auto report = workflows::runDemoPipeline(*o);
        printer.finish();
        std::printf("%-8s %9s %9s %9s %10s %18s\n", "model", metric_keys::NDCG20, metric_keys::MRR20, metric_keys::Recall20, "alignment", "95% CI");
        for (const auto& m : report["models"]) {
            auto num = [&](const char* k) { return m[k].is_number() ? m[k].get<double>() : std::nan(""); };
            const auto& ci = m[metric_keys::interval(metric_keys::AlignmentAi)];
            std::printf("%-8s %9.4f %9.4f %9.4f %10.4f   [%.3f, %.3f]\n", m["name"].get<std::string>().c_str(), num(metric_keys::NDCG20),
                        num(metric_keys::MRR20), num(metric_keys::Recall20), num(metric_keys::AlignmentAi),
                        ci.is_array() && ci.size() == 2 && ci[0].is_number() ? ci[0].get<double>() : std::nan(""),
                        ci.is_array() && ci.size() == 2 && ci[1].is_number() ? ci[1].get<double>() : std::nan(""));
        }
        const auto& shape = report["shape"];
        std::printf("RankPO vs stage 1: alignment %+.4f (goal >= +0.05: %s), nDCG@20 x%.3f (goal >= 0.85: %s); "
                    "RankPO nDCG@20 >= SFT's: %s\n",
                    shape["rankpo_alignment_gain"].get<double>(),
                    shape["rankpo_alignment_at_least_stage1_plus_0.05"].get<bool>() ? "yes" : "no",
                    shape["rankpo_ndcg_ratio_to_stage1"].get<double>(),
                    shape["rankpo_ndcg_at_least_0.85_stage1"].get<bool>() ? "yes" : "no",
                    shape["rankpo_ndcg_at_least_sft"].get<bool>() ? "yes" : "no");
        std::printf("%s in %.0f s: %s/report.json, models.csv, training.csv\n",
                    shape["holds"].get<bool>() ? "The paper's shape holds" : "The paper's shape does NOT hold",
                    report["seconds"].get<double>(), out->c_str());
    });
}

} // namespace

RANKPO_CLI_COMMAND(70, "demo", setupDemo);

} // namespace rankpo::cli
