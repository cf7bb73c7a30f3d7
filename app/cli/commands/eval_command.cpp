// rankpo eval: rank every candidate for each job of a split with a model; ranking metrics (both families) over
// the rule labels, alignment with the split's preferences; stored in the project.
#include "app/cli/command.h"
#include "core/evaluation/metric_keys.h"
#include "app/cli/workflow_cli.h"
#include "core/evaluation/trec_run.h"
#include "core/util/error.h"
#include "db/project_store.h"
#include "workflows/evaluate_model.h"
#include "db/project_texts.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <unordered_map>

namespace rankpo::cli {
namespace {

struct EvalArgs {
    std::string project;
    std::string split = "test";
    std::string cutoffs = "1,5,10,20,100";
    std::string runOut;
    bool noStore = false;
    bool json = false;
    workflows::EvaluationOptions options;
};

std::string cell(const nlohmann::ordered_json& value)
{
    if (!value.is_number())
        return "\u2013"; // missing (no labels, an undefined rate): never a number
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", value.get<double>());
    return buffer;
}

// Right-aligned by characters, not bytes: the dash of a missing figure is three bytes of UTF-8.
std::string right(const std::string& text, std::size_t width)
{
    std::size_t chars = 0;
    for (const char c : text)
        chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return std::string(chars < width ? width - chars : 0, ' ') + text;
}

void printText(const workflows::EvaluationResult& r)
{
    const auto& j = r.json;
    std::printf("%s on the %s split: %zu jobs ranked against %zu candidates; %zu jobs with relevant labels "
                "evaluated (%.1f s; embeddings: %zu cached, %zu encoded)\n",
                r.model.c_str(), std::string(db::toString(r.split)).c_str(), r.jobsRanked, r.candidates,
                r.jobsEvaluated, r.seconds, r.embeddings.cached, r.embeddings.encoded);
    std::printf("%-12s %10s %10s\n", "metric", metric_keys::Standard, metric_keys::Upstream);
    for (const char* name : {"nDCG", "MRR", "Recall", "MAP", "AUC"}) {
        for (const auto& k : j["cutoffs"]) {
            const std::string key = metricKey(name, k.get<int>());
            const auto value = [&](const char* family) {
                return j[family].contains(key) ? cell(j[family][key]) : std::string("\u2013");
            };
            std::printf("%-12s %s %s\n", key.c_str(), right(value(metric_keys::Standard), 10).c_str(),
                        right(value(metric_keys::Upstream), 10).c_str());
        }
    }
    if (r.jobsEvaluated == 0)
        std::printf("ranking metrics need rule labels: no job of the %s split has a relevant one (import labels: "
                    "rankpo-contrastive, rankpo-eval or trec-qrels files)\n",
                    std::string(db::toString(r.split)).c_str());
    std::printf("alignment with the split's preferences (the preferred candidate scored higher; equal scores count "
                "half):\n");
    std::printf("  %-28s %8s  %-17s %7s\n", "group", "rate", "95% CI", "pairs");
    for (const auto& g : r.alignment.groups) {
        char ci[40];
        std::snprintf(ci, sizeof ci, "[%.3f, %.3f]", g.interval95.lower, g.interval95.upper);
        std::printf("  %-28s %s  %-17s %7lld\n", g.group.c_str(),
                    right(std::isnan(g.rate) ? std::string("\u2013") : cell(g.rate), 8).c_str(), ci,
                    static_cast<long long>(g.pairs));
    }
    if (r.alignment.judgedTies > 0)
        std::printf("  (%lld judged ties not counted)\n", static_cast<long long>(r.alignment.judgedTies));
    if (r.evaluationId)
        std::printf("stored as evaluation %lld\n", static_cast<long long>(*r.evaluationId));
}

void writeRun(db::ProjectStore& store, const workflows::EvaluationResult& r, const std::string& path)
{
    // Job and candidate references as `rankpo export --format trec-qrels` writes them, so the two files pair up.
    std::unordered_map<std::int64_t, std::string> jobRefs;
    db::ProjectTextReader texts(store);
    const auto jobs = texts.jobs(r.split);
    for (std::size_t i = 0; i < jobs.size(); ++i)
        jobRefs.emplace(jobs.ids[i], jobs.references[i]);
    const auto candidateRefs = texts.candidateReferences();
    std::string tag = r.model.substr(r.model.find_last_of('/') == std::string::npos ? 0 : r.model.find_last_of('/') + 1);
    for (char& c : tag)
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            c = '_';
    if (tag.empty())
        tag = "rankpo";
    std::vector<TrecRunLine> lines;
    lines.reserve(r.rankings.size());
    for (const auto& h : r.rankings) {
        const std::string& qid = jobRefs.at(h.jobId);
        const std::string& docid = candidateRefs.at(h.candidateId);
        for (const std::string* id : {&qid, &docid})
            if (id->find_first_of(" \t\r\n") != std::string::npos)
                throw dataError("cannot write a TREC run: id '" + *id + "' contains whitespace");
        lines.push_back({qid, docid, h.rank, h.score, tag, 0});
    }
    writeTrecRunFile(path, lines);
}

void run(EvalArgs& a)
{
    a.options.split = *db::splitFromString(a.split);
    a.options.cutoffs = MetricCutoffs::parse(a.cutoffs);
    a.options.store = !a.noStore;
    auto store = db::ProjectStore::open(a.project);
    StageProgress progress;
    a.options.progress = progress.callback();
    const workflows::EvaluationResult r = workflows::evaluateModel(*store, a.options);
    progress.finish();
    if (!a.runOut.empty())
        writeRun(*store, r, a.runOut);
    if (a.json) {
        nlohmann::ordered_json j = r.json;
        j["evaluation_id"] = r.evaluationId ? nlohmann::ordered_json(*r.evaluationId) : nlohmann::ordered_json(nullptr);
        std::cout << j.dump(2) << "\n";
        return;
    }
    printText(r);
    if (!a.runOut.empty())
        std::printf("run written to %s\n", a.runOut.c_str());
}

void setup(CLI::App& root)
{
    auto a = std::make_shared<EvalArgs>();
    CLI::App* cmd = root.add_subcommand("eval", "Evaluate a model on the project: ranking metrics and preference alignment");
    cmd->add_option("project", a->project, "Project file")->required();
    addModelOptions(cmd, a->options);
    cmd->add_option("--split", a->split, "Jobs to evaluate on")->capture_default_str()
        ->check(CLI::IsMember({"test", "train"}));
    cmd->add_option("--cutoffs", a->cutoffs, "Ranks to cut metrics at; the largest is how many candidates are kept "
                                             "per job")
        ->capture_default_str();
    cmd->add_option("--run-out", a->runOut, "Also write the rankings as a TREC run file (job and candidate ids as "
                                            "`rankpo export --format trec-qrels` writes them)");
    cmd->add_flag("--no-store", a->noStore, "Do not save the evaluation in the project");
    cmd->add_flag("--json", a->json, "Print the evaluation as JSON (the stored form, plus evaluation_id)");
    cmd->footer("Every candidate of the project is ranked for each job of the split by cosine similarity. Metrics\n"
                "are over the jobs with at least one relevant rule label: `standard` with trec_eval's definitions\n"
                "(graded labels), `upstream` with the paper's. Alignment: the share of the split's preferences\n"
                "whose preferred candidate the model scores higher, per source and annotator, with a 95% Wilson\n"
                "interval. Embeddings are cached in the project, so a second evaluation of the same model is fast.");
    cmd->callback([a] { run(*a); });
}

} // namespace

RANKPO_CLI_COMMAND(70, "eval", setup);

} // namespace rankpo::cli
