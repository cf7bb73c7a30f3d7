// rankpo embed: sentence embeddings of the texts given, with a built-in or any Hugging Face-layout model.
#include "app/cli/command.h"
#include "core/model/model_resolver.h"
#include "core/model/text_encoder.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>

namespace rankpo::cli {
namespace {

struct EmbedArgs {
    std::string model = "default";
    std::string device = "auto";
    int threads = 0;
    std::size_t batchSize = 32;
    std::size_t maxLength = 0;
    bool json = false;
    std::vector<std::string> texts;
};

std::string preview(const std::string& text)
{
    // Cut on a UTF-8 boundary so that the summary stays valid text.
    if (text.size() <= 60)
        return text;
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return text.substr(0, cut) + "...";
}

// A float as the double that prints with 8 significant digits (a float's value printed as a double would
// show 17 digits of binary noise).
double shortest(float v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.8g", double(v));
    return std::strtod(buf, nullptr);
}

void run(const EmbedArgs& args)
{
    const ModelEntry entry = ModelCatalog().resolve(args.model);
    TextEncoderOptions options;
    options.device = args.device;
    options.threads = args.threads;
    options.batchSize = args.batchSize;
    options.maxLength = args.maxLength;
    const auto encoder = TextEncoder::open(entry.folder, options);
    const EmbeddingMatrix vectors = encoder->encode(args.texts);

    if (args.json) {
        nlohmann::ordered_json rows = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < vectors.rows; ++i) {
            nlohmann::ordered_json row = nlohmann::ordered_json::array();
            for (std::size_t k = 0; k < vectors.dim; ++k)
                row.push_back(shortest(vectors.row(i)[k]));
            rows.push_back(std::move(row));
        }
        nlohmann::ordered_json out;
        out["model"] = entry.name;
        out["dim"] = vectors.dim;
        out["embeddings"] = std::move(rows);
        std::cout << out.dump() << "\n";
        return;
    }
    std::cout << "model " << entry.name << " (" << poolingName(encoder->pooling()) << " pooling, " << vectors.dim
              << " dimensions, at most " << encoder->maxLength() << " tokens, " << encoder->deviceName() << ")\n";
    for (std::size_t i = 0; i < vectors.rows; ++i) {
        const float* v = vectors.row(i);
        char head[128];
        std::snprintf(head, sizeof head, "[%+.4f, %+.4f, %+.4f, %+.4f, ...]", v[0], v[1 % vectors.dim],
                      v[2 % vectors.dim], v[3 % vectors.dim]);
        std::cout << i + 1 << ". \"" << preview(args.texts[i]) << "\"\n   " << head << "\n";
    }
    if (vectors.rows > 1) {
        std::cout << "cosine similarities:\n";
        for (std::size_t i = 0; i < vectors.rows; ++i) {
            std::cout << "  ";
            for (std::size_t j = 0; j < vectors.rows; ++j) {
                double dot = 0;
                for (std::size_t k = 0; k < vectors.dim; ++k)
                    dot += double(vectors.row(i)[k]) * vectors.row(j)[k];
                char cell[16];
                std::snprintf(cell, sizeof cell, "%7.4f", dot);
                std::cout << cell;
            }
            std::cout << "\n";
        }
    }
}

void setup(CLI::App& root)
{
    auto args = std::make_shared<EmbedArgs>();
    CLI::App* cmd = root.add_subcommand("embed", "Print sentence embeddings of texts (offline, built-in or folder model)");
    cmd->add_option("--model,-m", args->model, "Model name (see `rankpo models`; default: all-MiniLM-L6-v2) or folder")
        ->capture_default_str();
    cmd->add_option("--device", args->device, "auto, cpu or cuda")->capture_default_str()
        ->check(CLI::IsMember({"auto", "cpu", "cuda"}));
    cmd->add_option("--threads", args->threads, "CPU threads (0: all cores)")->check(CLI::NonNegativeNumber);
    cmd->add_option("--batch-size", args->batchSize, "Texts per forward pass")->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_option("--max-length", args->maxLength, "Tokens per text, [CLS]/[SEP] included (0: the model's maximum)");
    cmd->add_flag("--json", args->json, "Print {\"model\", \"dim\", \"embeddings\"} as JSON");
    cmd->add_option("texts", args->texts, "Texts to embed")->required();
    cmd->callback([args] { run(*args); });
}

} // namespace

RANKPO_CLI_COMMAND(60, "embed", setup);

} // namespace rankpo::cli
