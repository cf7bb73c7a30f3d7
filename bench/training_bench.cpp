// RankPO training throughput: our Trainer against an equivalent PyTorch Python loop (Debian's torch
// 1.13, transformers' BertModel from the same folder), same model, examples, batch size, maximum
// lengths, threads and objective. Prints pairs/s of both and the ratio (ours / PyTorch).
//
//   training_bench [--pairs 104] [--batch 8] [--max-length 128] [--threads N] [--model default]
//                  [--min-ratio 0] [--skip-peer] [--pairs-per-job K] [--group-by-job]
//
// The examples are demo-corpus preferences (job, chosen, rejected); with --pairs-per-job, K of each
// job's. --group-by-job trains with group_by_job (a job text encoded once per batch) against a peer
// that encodes every pair's job text. Both sides run one warm-up step first, untimed, then the same
// steps, in the same batches.
#include "core/util/openmp_environment.h"
#include "core/demo/demo_corpus.h"
#include "core/model/encoder_model.h"
#include "core/model/model_folder.h"
#include "core/model/model_resolver.h"
#include "core/training/split_mix64.h"
#include "core/training/trainer.h"

#include <nlohmann/json.hpp>

#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

namespace {

std::string shellQuote(const std::string& s)
{
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::vector<rankpo::PreferenceExample> demoExamples(std::size_t count, std::size_t perJob)
{
    rankpo::demo::DemoOptions options;
    if (perJob > 0)
        options.pairs = options.jobs * int(perJob) * 2; // enough jobs with perJob decided pairs
    const auto corpus = rankpo::demo::generateDemoCorpus(options);
    std::vector<std::vector<rankpo::PreferenceExample>> byJob(corpus.jobs.size());
    std::vector<rankpo::PreferenceExample> out;
    for (const auto& p : corpus.preferences) {
        if (p.choice == rankpo::Choice::Tie)
            continue;
        const bool first = p.choice == rankpo::Choice::First;
        const auto& job = corpus.jobs[std::size_t(p.job)].text;
        const auto& a = corpus.candidates[std::size_t(p.first)].text;
        const auto& b = corpus.candidates[std::size_t(p.second)].text;
        if (perJob > 0) {
            auto& mine = byJob[std::size_t(p.job)];
            if (mine.size() < perJob)
                mine.push_back({job, first ? a : b, first ? b : a, 1.0});
            if (mine.size() == perJob) {
                out.insert(out.end(), mine.begin(), mine.end());
                mine.push_back(mine.front()); // taken: never again
            }
        } else {
            out.push_back({job, first ? a : b, first ? b : a, 1.0});
        }
        if (out.size() >= count)
            break;
    }
    out.resize(std::min(out.size(), count));
    return out;
}

// The order our trainer visits the examples in epoch 0 (with or without group_by_job).
std::vector<std::size_t> epochOrder(const std::vector<rankpo::PreferenceExample>& examples, const rankpo::TrainingConfig& config)
{
    if (!config.groupByJob)
        return rankpo::shuffledIndices(examples.size(), config.seed, 0);
    std::map<std::string, std::size_t> number;
    std::vector<std::size_t> jobOf;
    for (const auto& e : examples)
        jobOf.push_back(number.emplace(e.job, number.size()).first->second);
    return rankpo::groupedShuffledIndices(jobOf, config.seed, 0);
}

} // namespace

int main(int argc, char** argv)
{
    rankpo::ensurePassiveOpenMpWait(argc, argv); // see core/util/openmp_environment.h (the peer inherits it)
    std::size_t pairs = 104, batch = 8, maxLength = 128, perJob = 0;
    bool groupByJob = false;
    int threads = int(std::max(1u, std::thread::hardware_concurrency()));
    std::string model = "default";
    double minRatio = 0;
    bool skipPeer = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--pairs") pairs = std::stoul(next());
        else if (a == "--batch") batch = std::stoul(next());
        else if (a == "--max-length") maxLength = std::stoul(next());
        else if (a == "--threads") threads = std::stoi(next());
        else if (a == "--model") model = next();
        else if (a == "--min-ratio") minRatio = std::stod(next());
        else if (a == "--skip-peer") skipPeer = true;
        else if (a == "--pairs-per-job") perJob = std::stoul(next());
        else if (a == "--group-by-job") groupByJob = true;
        else {
            std::fprintf(stderr, "unknown argument %s\n", a.c_str());
            return 2;
        }
    }
    try {
        at::set_num_threads(threads);
        const auto folder = rankpo::ModelCatalog().resolve(model).folder;
        const auto examples = demoExamples(pairs, perJob);
        auto encoder = rankpo::EncoderModel::load(rankpo::ModelFolder::open(folder), torch::kCPU);

        rankpo::TrainingConfig config = rankpo::TrainingConfig::defaults(rankpo::TrainingMethod::RankPO);
        config.perDeviceTrainBatchSize = int(batch);
        config.gradientAccumulationSteps = 1;
        config.maxLengthJob = int(maxLength);
        config.maxLengthCandidate = int(maxLength);
        config.lrSchedulerType = rankpo::LrSchedulerType::Constant;
        config.warmupRatio = 0;
        config.loggingSteps = 1000000;
        config.numTrainEpochs = 1;
        config.groupByJob = groupByJob;
        config.rankpo.referenceFree = true; // SimRankPO, as the peer's loop (torch_rankpo_loop.py) runs
        const auto scratch = std::filesystem::temp_directory_path() / ("rankpo-training-bench-" + std::to_string(::getpid()));

        // Warm-up step (untimed), then the timed steps, as on the peer's side.
        const std::vector<rankpo::PreferenceExample> warmup(examples.begin(), examples.begin() + std::ptrdiff_t(batch));
        const std::vector<rankpo::PreferenceExample> timed(examples.begin() + std::ptrdiff_t(batch), examples.end());
        config.dataloaderDropLast = true;
        config.maxSteps = 1;
        rankpo::Trainer(config, *encoder, scratch / "warmup").train(warmup, {});
        config.maxSteps = int(timed.size() / batch);
        // Timed until the last step is done: the end-of-epoch checkpoint our trainer then writes has
        // no counterpart in the peer's loop.
        rankpo::TrainerCallbacks callbacks;
        auto end = std::chrono::steady_clock::now();
        callbacks.onProgress = [&end](const rankpo::TrainingProgress& p) {
            if (p.phase == "checkpoint")
                end = std::chrono::steady_clock::now();
        };
        const auto begin = std::chrono::steady_clock::now();
        const auto outcome = rankpo::Trainer(config, *encoder, scratch / "timed").train(timed, callbacks);
        const double seconds = std::chrono::duration<double>(end - begin).count();
        std::filesystem::remove_all(scratch);
        const double oursPairs = double(outcome.steps) * double(batch);
        const double ours = oursPairs / seconds;
        std::printf("model %s, %zu timed pairs, batch %zu, %zu tokens, %d threads%s\n", model.c_str(), std::size_t(oursPairs),
                    batch, maxLength, threads, groupByJob ? ", grouped by job (peer: every job text encoded)" : "");
        std::printf("rankpo (libtorch C++ Trainer):  %8.2f s  %7.2f pairs/s\n", seconds, ours);
        if (skipPeer)
            return 0;

        const auto file = std::filesystem::temp_directory_path() / ("rankpo-training-bench-" + std::to_string(::getpid()) + ".json");
        // The peer takes its batches in file order: write the examples in the order our trainer drew
        // them (its epoch-0 shuffle), so that both sides see the very same batches.
        nlohmann::json rows = nlohmann::json::array();
        auto add = [&rows](const rankpo::PreferenceExample& e) {
            rows.push_back({{"job", e.job}, {"chosen", e.chosen}, {"rejected", e.rejected}});
        };
        for (std::size_t i : epochOrder(warmup, config))
            add(warmup[i]);
        for (std::size_t i : epochOrder(timed, config))
            add(timed[i]);
        std::ofstream(file) << rows.dump();
        const std::string cmd = "PYTHONPATH=" + shellQuote(RANKPO_SOURCE_DIR "/.deps/python") + " /usr/bin/python3 "
            + shellQuote(RANKPO_SOURCE_DIR "/bench/torch_rankpo_loop.py") + " " + shellQuote(folder.string()) + " "
            + shellQuote(file.string()) + " " + std::to_string(threads) + " " + std::to_string(batch) + " "
            + std::to_string(maxLength) + (groupByJob ? " every-job" : "") + " 2>/dev/null";
        std::string output;
        if (FILE* p = ::popen(cmd.c_str(), "r")) {
            char buf[4096];
            while (std::fgets(buf, sizeof buf, p))
                output += buf;
            ::pclose(p);
        }
        std::filesystem::remove(file);
        const auto brace = output.find('{');
        if (brace == std::string::npos) {
            std::fprintf(stderr, "the PyTorch loop did not run (scripts/install-python-deps.sh installs transformers)\n");
            return 1;
        }
        const auto peer = nlohmann::json::parse(output.substr(brace));
        const double theirs = peer.at("pairs_per_second").get<double>();
        std::printf("PyTorch Python loop:            %8.2f s  %7.2f pairs/s\n", peer.at("seconds").get<double>(), theirs);
        std::printf("ratio (ours / PyTorch): %.3f (goal >= 1)\n", ours / theirs);
        return ours / theirs >= minRatio ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "training_bench: %s\n", e.what());
        return 1;
    }
}
