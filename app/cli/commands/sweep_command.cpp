// rankpo sweep: the learning-rate sweep behind the paper's trade-off figure.
#include "app/cli/command.h"
#include "core/evaluation/metric_keys.h"
#include "app/cli/training_cli.h"
#include "core/util/error.h"
#include "db/project_store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>

namespace rankpo::cli {
namespace {

std::vector<double> parseRates(const std::string& text)
{
    std::vector<double> rates;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        try {
            std::size_t used = 0;
            const double v = std::stod(item, &used);
            if (used != item.size() || !(v > 0))
                throw std::invalid_argument(item);
            rates.push_back(v);
        } catch (const std::exception&) {
            throw usageError("--lrs: '" + item + "' is not a positive number");
        }
    }
    if (rates.empty())
        throw usageError("--lrs needs at least one learning rate");
    return rates;
}

void setupSweep(CLI::App& root)
{
    auto* cmd = root.add_subcommand("sweep", "Train RankPO and SFT (and SimRankPO if asked) at each learning rate from "
                                             "the same model and evaluate each (the paper's alignment/nDCG trade-off)");
    auto o = std::make_shared<TrainingCliOptions>();
    auto lrs = std::make_shared<std::string>();
    auto methods = std::make_shared<std::string>("rankpo,sft");
    auto sweepName = std::make_shared<std::string>();
    cmd->add_option("--lrs", *lrs, "Learning rates, comma-separated (e.g. 5e-7,1e-6,5e-6,1e-5)")->required();
    cmd->add_option("--methods", *methods, "Methods to sweep, comma-separated: rankpo (against the frozen reference), simrankpo "
                    "(reference-free), sft")->capture_default_str();
    cmd->add_option("--sweep-name", *sweepName, "Name of the sweep (runs are <sweep>-<method>-lr<rate>)");
    addTrainingOptions(cmd, *o);
    cmd->callback([cmd, o, lrs, methods, sweepName] {
        workflows::SweepRequest request;
        static_cast<workflows::TrainingRequest&>(request) = makeTrainingRequest(*cmd, *o, NamedMethod{TrainingMethod::RankPO});
        request.learningRates = parseRates(*lrs);
        // The variants are methods of their own here: a flag for all of them would say nothing a name does not.
        if (o->referenceFree || o->withReference)
            throw usageError("--reference-free / --with-reference: a sweep names its variants in --methods "
                             "(rankpo is against the reference, simrankpo is reference-free)");
        request.methods.clear();
        std::stringstream in(*methods);
        std::string m;
        while (std::getline(in, m, ',')) {
            const auto method = namedMethodFromString(m);
            if (!method || method->method == TrainingMethod::Contrastive)
                throw usageError("--methods: '" + m + "' is not rankpo, simrankpo or sft");
            if (std::find(request.methods.begin(), request.methods.end(), *method) != request.methods.end())
                throw usageError("--methods: '" + m + "' is named twice");
            request.methods.push_back(*method);
        }
        if (request.methods.empty())
            throw usageError("--methods: name at least one of rankpo, simrankpo, sft");
        request.sweep = *sweepName;
        request.cancel = installInterruptHandler();
        TrainingPrinter printer("sweep");
        request.onProgress = [&printer](const TrainingProgress& p) { printer(p); };
        auto store = db::ProjectStore::open(o->project);
        const auto result = workflows::runSweep(*store, request);
        printer.finish();
        nlohmann::ordered_json rows = nlohmann::ordered_json::array();
        for (const auto& r : result.runs) {
            nlohmann::ordered_json row;
            row["run"] = r.run.name;
            row["method"] = r.run.method;
            row["method_name"] = recordedMethodDisplayName(r.run.method, r.run.configJson);
            row["learning_rate"] = nlohmann::json::parse(r.run.configJson).value("learning_rate", 0.0);
            row["status"] = std::string(db::toString(r.run.status));
            if (r.evaluation)
                for (const std::string& key : std::vector<std::string>{metric_keys::NDCG20, metric_keys::MRR20, metric_keys::Recall20, metric_keys::AlignmentAi, metric_keys::interval(metric_keys::AlignmentAi), metric_keys::AlignmentHuman})
                    if (r.evaluation->json.contains(key))
                        row[key] = r.evaluation->json[key];
            rows.push_back(row);
        }
        if (o->json) {
            std::cout << nlohmann::ordered_json{{"sweep", result.sweep}, {"runs", rows}, {"cancelled", result.cancelled}}.dump(2)
                      << "\n";
        } else {
            std::cout << "Sweep " << result.sweep << "\n";
            std::printf("%-10s %-10s %-10s %-12s %s\n", "method", "lr", metric_keys::NDCG20, "alignment", "run");
            for (const auto& row : rows) {
                auto num = [&](const char* key) {
                    return row.contains(key) && row[key].is_number() ? row[key].get<double>() : -1.0;
                };
                std::printf("%-10s %-10g %-10.4f %-12.4f %s\n", row["method_name"].get<std::string>().c_str(),
                            row["learning_rate"].get<double>(), num(metric_keys::NDCG20), num(metric_keys::AlignmentAi),
                            row["run"].get<std::string>().c_str());
            }
        }
        if (result.cancelled)
            throw Error(ErrorKind::Cancelled, "sweep cancelled");
    });
}

} // namespace

RANKPO_CLI_COMMAND(61, "sweep", setupSweep);

} // namespace rankpo::cli
