// The decoder checks of scripts/gpu-check.sh: our side of each, written for the PyTorch peer
// (bench/gpu/torch_decoder_peer.py) to repeat on the very same token ids.
//
//   decoder_gpu_bench parity --model DIR --texts FILE.jsonl --out OURS.json [--max-length 1280] [--batch 16]
//                            [--device auto] [--dtype auto]
//     Embeds each text (a JSON string per line) and writes its token ids and our unit vector.
//   decoder_gpu_bench train --model DIR --texts FILE.jsonl [--job-length 1280] [--candidate-length 4096]
//                           [--batch 8] [--accum 4] [--steps 3] [--device auto] [--dtype auto]
//                           [--gradient-checkpointing] [--ids-out IDS.json]
//     RankPO optimizer steps (SimRankPO's objective: the step's cost, without the frozen reference's one
//     forward pass before training) through our Trainer, after one untimed warm-up step. Each example has texts
//     of its own, cut to exactly the lengths given; prints one JSON line (seconds, tokens/s, parameters) and
//     writes the examples' token ids in the order our trainer draws them, for the peer.
#include "core/model/encoder_model.h"
#include "core/model/model_folder.h"
#include "core/training/split_mix64.h"
#include "core/training/trainer.h"
#include "core/util/openmp_environment.h"

#include <nlohmann/json.hpp>

#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

namespace fs = std::filesystem;

struct Args {
    std::string mode, model, texts, out, idsOut, device = "auto", dtype = "auto";
    std::size_t maxLength = 1280, batch = 8, jobLength = 1280, candidateLength = 4096, accum = 4, steps = 3;
    bool checkpointing = false;
};

Args parse(int argc, char** argv)
{
    Args a;
    if (argc < 2)
        throw std::runtime_error("usage: decoder_gpu_bench parity|train --model DIR --texts FILE.jsonl ...");
    a.mode = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string k = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc)
                throw std::runtime_error(k + " needs a value");
            return argv[++i];
        };
        if (k == "--model") a.model = next();
        else if (k == "--texts") a.texts = next();
        else if (k == "--out") a.out = next();
        else if (k == "--ids-out") a.idsOut = next();
        else if (k == "--device") a.device = next();
        else if (k == "--dtype") a.dtype = next();
        else if (k == "--max-length") a.maxLength = std::stoul(next());
        else if (k == "--batch") a.batch = std::stoul(next());
        else if (k == "--job-length") a.jobLength = std::stoul(next());
        else if (k == "--candidate-length") a.candidateLength = std::stoul(next());
        else if (k == "--accum") a.accum = std::stoul(next());
        else if (k == "--steps") a.steps = std::stoul(next());
        else if (k == "--gradient-checkpointing") a.checkpointing = true;
        else throw std::runtime_error("unknown argument " + k);
    }
    if (a.model.empty() || a.texts.empty())
        throw std::runtime_error("--model and --texts are required");
    return a;
}

std::vector<std::string> readTexts(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error(path + ": cannot open");
    std::vector<std::string> texts;
    std::string line;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
        if (line.empty())
            continue;
        const auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_string())
            throw std::runtime_error(path + ":" + std::to_string(n) + ": not a JSON string");
        texts.push_back(j.get<std::string>());
    }
    if (texts.empty())
        throw std::runtime_error(path + ": no texts");
    return texts;
}

int parity(const Args& a, rankpo::EncoderModel& model)
{
    const auto texts = readTexts(a.texts);
    nlohmann::json rows = nlohmann::json::array();
    torch::NoGradGuard noGrad;
    for (std::size_t begin = 0; begin < texts.size(); begin += a.batch) {
        std::vector<std::vector<rankpo::TokenId>> ids;
        for (std::size_t i = begin; i < std::min(texts.size(), begin + a.batch); ++i)
            ids.push_back(model.tokenize(texts[i], a.maxLength));
        const torch::Tensor vectors = model.embed(model.makeBatch(ids)).to(torch::kCPU, torch::kFloat32).contiguous();
        for (std::size_t r = 0; r < ids.size(); ++r) {
            const float* v = vectors[std::int64_t(r)].data_ptr<float>();
            rows.push_back({{"ids", ids[r]}, {"embedding", std::vector<float>(v, v + vectors.size(1))}});
        }
    }
    std::ofstream(a.out) << nlohmann::json{{"device", model.device().str()},
                                           {"dtype", std::string(c10::toString(model.dtype()))},
                                           {"rows", rows}}
                                .dump();
    std::printf("{\"texts\": %zu, \"device\": \"%s\"}\n", rows.size(), model.device().str().c_str());
    return 0;
}

// A text of about `tokens` tokens of real prose (English runs 4-5 characters a token): the sample's texts one after
// another from `start`, cut at a space past 6 characters a token, so that tokenising it costs what the kept tokens
// cost (the sample's texts run to 13 KB on average; a real run tokenises each text once and keeps its ids).
std::string longText(const std::vector<std::string>& texts, std::size_t start, std::size_t tokens)
{
    std::string out;
    for (std::size_t i = start; out.size() < tokens * 6; ++i)
        out += texts[i % texts.size()] + "\n";
    const std::size_t cut = out.find(' ', tokens * 6);
    return cut == std::string::npos ? out : out.substr(0, cut);
}

int train(const Args& a, rankpo::EncoderModel& model)
{
    const auto texts = readTexts(a.texts);
    const std::size_t perStep = a.batch * a.accum;
    std::vector<rankpo::PreferenceExample> warmup, timed;
    for (std::size_t i = 0; i < perStep * (a.steps + 1); ++i) {
        rankpo::PreferenceExample e{longText(texts, 3 * i, a.jobLength), longText(texts, 3 * i + 1, a.candidateLength),
                                    longText(texts, 3 * i + 2, a.candidateLength), 1.0};
        (i < perStep ? warmup : timed).push_back(std::move(e));
    }
    rankpo::TrainingConfig config = rankpo::TrainingConfig::defaults(rankpo::TrainingMethod::RankPO);
    config.perDeviceTrainBatchSize = int(a.batch);
    config.gradientAccumulationSteps = int(a.accum);
    config.maxLengthJob = int(a.jobLength);
    config.maxLengthCandidate = int(a.candidateLength);
    config.lrSchedulerType = rankpo::LrSchedulerType::Constant;
    config.warmupRatio = 0;
    config.loggingSteps = 1000000;
    config.numTrainEpochs = 1;
    config.dataloaderDropLast = true;
    config.rankpo.referenceFree = true; // the step's cost alone, as the peer's loop
    model.setGradientCheckpointing(a.checkpointing);
    const fs::path scratch = fs::temp_directory_path() / ("rankpo-gpu-bench-" + std::to_string(::getpid()));

    config.maxSteps = 1;
    rankpo::Trainer(config, model, scratch / "warmup").train(warmup, {});
    config.maxSteps = int(a.steps);
    rankpo::TrainerCallbacks callbacks;
    auto end = std::chrono::steady_clock::now();
    callbacks.onProgress = [&end](const rankpo::TrainingProgress& p) {
        if (p.phase == "checkpoint") // the last step is done (its loss read back); the checkpoint is not timed
            end = std::chrono::steady_clock::now();
    };
    const auto begin = std::chrono::steady_clock::now();
    const auto outcome = rankpo::Trainer(config, model, scratch / "timed").train(timed, callbacks);
    const double seconds = std::chrono::duration<double>(end - begin).count();
    fs::remove_all(scratch);

    // The examples' token ids in the order our trainer drew them (the peer takes its batches in file order), and
    // the tokens the timed steps passed through the model.
    nlohmann::json rows = nlohmann::json::array();
    double tokens = 0;
    auto add = [&](const std::vector<rankpo::PreferenceExample>& list, bool counted) {
        for (std::size_t i : rankpo::shuffledIndices(list.size(), config.seed, 0)) {
            nlohmann::json row{{"job", model.tokenize(list[i].job, a.jobLength)},
                               {"chosen", model.tokenize(list[i].chosen, a.candidateLength)},
                               {"rejected", model.tokenize(list[i].rejected, a.candidateLength)}};
            if (counted)
                tokens += double(row["job"].size() + row["chosen"].size() + row["rejected"].size());
            rows.push_back(std::move(row));
        }
    };
    add(warmup, false);
    add(timed, true);
    if (!a.idsOut.empty())
        std::ofstream(a.idsOut) << rows.dump();
    const auto& c = model.folder().config;
    nlohmann::json out{{"side", "rankpo"},
                       {"device", model.device().str()},
                       {"dtype", std::string(c10::toString(model.dtype()))},
                       {"steps", outcome.steps},
                       {"seconds", seconds},
                       {"tokens", tokens},
                       {"tokens_per_second", tokens / seconds},
                       {"parameters", model.parameterCount()},
                       {"embedding_parameters", c.vocabSize * c.hiddenSize},
                       {"layers", c.numLayers},
                       {"hidden", c.hiddenSize},
                       {"gradient_checkpointing", a.checkpointing}};
    std::cout << out.dump() << std::endl;
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    rankpo::ensurePassiveOpenMpWait(argc, argv); // as rankpo-engine (see core/util/openmp_environment.h)
    try {
        const Args a = parse(argc, argv);
        rankpo::EncoderLoadOptions options;
        options.dtype = a.dtype;
        auto model = rankpo::EncoderModel::load(rankpo::ModelFolder::open(a.model), rankpo::chooseDevice(a.device), options);
        if (a.mode == "parity")
            return parity(a, *model);
        if (a.mode == "train")
            return train(a, *model);
        throw std::runtime_error("mode " + a.mode + ": parity or train");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "decoder_gpu_bench: %s\n", e.what());
        return 1;
    }
}
