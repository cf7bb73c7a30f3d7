// rankpo train contrastive|rankpo|sft: fine-tune a model on the project, recorded as a run.
#include "app/cli/command.h"
#include "core/evaluation/metric_keys.h"
#include "app/cli/training_cli.h"
#include "core/util/error.h"
#include "db/project_store.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace rankpo::cli {
namespace {

nlohmann::ordered_json resultJson(const workflows::TrainingResult& r)
{
    nlohmann::ordered_json j;
    j["run"] = r.run.name;
    j["method"] = r.run.method;
    j["method_name"] = recordedMethodDisplayName(r.run.method, r.run.configJson);
    j["status"] = std::string(db::toString(r.run.status));
    j["base_model"] = r.run.baseModel;
    j["device"] = r.run.device;
    j["examples"] = r.examples;
    j["steps"] = r.outcome.steps;
    j["epochs"] = r.outcome.epochsCompleted;
    j["seconds"] = r.run.seconds.value_or(r.outcome.seconds);
    j["model_folder"] = r.modelFolder.string();
    j["checkpoint"] = r.outcome.lastCheckpoint.string();
    j["data_hash"] = r.run.dataHash;
    nlohmann::ordered_json metrics = nlohmann::ordered_json::object();
    for (const auto& [k, v] : r.outcome.lastMetrics)
        metrics[k] = v;
    j["last_metrics"] = metrics;
    if (r.evaluation)
        j["evaluation"] = r.evaluation->json;
    return j;
}

// `--estimate`: a few measured steps of the configured run, and what the whole run will take.
void printEstimate(const workflows::TrainingEstimate& e, bool json)
{
    if (json) {
        nlohmann::ordered_json j;
        j["device"] = e.device;
        j["measured_steps"] = e.measuredSteps;
        j["first_step_seconds"] = e.firstStepSeconds;
        j["seconds_per_step"] = e.secondsPerStep;
        j["total_steps"] = e.totalSteps;
        j["reference_seconds"] = e.referenceSeconds;
        j["load_seconds"] = e.loadSeconds;
        j["estimated_seconds"] = e.totalSeconds();
        j["completed"] = e.completed;
        std::cout << j.dump(2) << "\n";
        return;
    }
    std::cout << "On " << e.device << ": " << e.totalSteps << " optimizer steps at " << formatDuration(e.secondsPerStep)
              << " each (" << e.measuredSteps << " steps measured after a first of "
              << formatDuration(e.firstStepSeconds) << ")";
    if (e.referenceSeconds > 0)
        std::cout << ", reference scores " << formatDuration(e.referenceSeconds);
    std::cout << "\n  the run will take about " << formatDuration(e.totalSeconds())
              << (e.completed ? " (the whole run was measured)" : "") << ", not counting the evaluations after each epoch\n";
}

void setupTrain(CLI::App& root)
{
    auto* cmd = root.add_subcommand("train", "Fine-tune a model on the project's train split: contrastive (stage 1), "
                                             "rankpo (against the frozen starting model, the paper's RankPO), "
                                             "simrankpo (RankPO without the reference) or sft (stage 2)");
    auto o = std::make_shared<TrainingCliOptions>();
    auto method = std::make_shared<std::string>();
    cmd->add_option("method", *method, "contrastive, rankpo, simrankpo (rankpo with reference_free) or sft")
        ->required()
        ->check(CLI::IsMember({"contrastive", "rankpo", "simrankpo", "sft"}));
    addTrainingOptions(cmd, *o);
    auto estimate = std::make_shared<bool>(false);
    auto estimateSteps = std::make_shared<int>(3);
    cmd->add_flag("--estimate", *estimate,
                  "Measure a few optimizer steps of this run on the chosen device and say how long the whole run takes "
                  "(nothing is recorded)");
    cmd->add_option("--estimate-steps", *estimateSteps, "Steps timed by --estimate after the first (default 3)")
        ->check(CLI::PositiveNumber);
    cmd->callback([cmd, o, method, estimate, estimateSteps] {
        auto request = makeTrainingRequest(*cmd, *o, *namedMethodFromString(*method));
        request.cancel = installInterruptHandler();
        TrainingPrinter printer(*method);
        request.onProgress = [&printer](const TrainingProgress& p) { printer(p); };
        auto store = db::ProjectStore::open(o->project);
        if (*estimate) {
            request.onProgress = {};
            printEstimate(workflows::estimateTraining(*store, request, *estimateSteps), o->json);
            return;
        }
        const auto result = workflows::trainModel(*store, request);
        printer.finish();
        if (o->json) {
            std::cout << resultJson(result).dump(2) << "\n";
        } else {
            std::cout << "Run " << result.run.name << " ("
                      << recordedMethodDisplayName(result.run.method, result.run.configJson) << " from " << result.run.baseModel
                      << ", " << result.examples << " examples, " << result.outcome.steps << " steps, "
                      << result.outcome.epochsCompleted << " epochs, " << formatDuration(result.outcome.seconds) << "): "
                      << db::toString(result.run.status) << "\n";
            if (result.outcome.cancelled)
                std::cout << "  " << result.run.message << "\n  continue with: rankpo train " << *method << " "
                          << o->project << " --resume " << result.run.name << "\n";
            if (!result.modelFolder.empty())
                std::cout << "  model: " << result.modelFolder.string() << " (use --model " << result.run.name << ")\n";
            if (result.evaluation) {
                const auto& e = result.evaluation->json;
                auto show = [&](const char* key) {
                    if (e.contains(key) && e[key].is_number())
                        std::cout << "  " << key << " " << e[key].get<double>() << "\n";
                };
                for (const char* key : {metric_keys::NDCG20, metric_keys::MRR20, metric_keys::Recall20, metric_keys::AlignmentAi, metric_keys::AlignmentHuman})
                    show(key);
            }
        }
        if (result.outcome.cancelled)
            throw Error(ErrorKind::Cancelled, "training cancelled");
    });
}

} // namespace

RANKPO_CLI_COMMAND(60, "train", setupTrain);

} // namespace rankpo::cli
