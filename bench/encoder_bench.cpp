// Encoder throughput: our libtorch encoder against sentence-transformers (Debian's torch 1.13) on the same
// machine, same model, same texts, batch size, maximum length and thread count. Prints both and the ratio.
//
//   encoder_bench [--texts 1000] [--threads N] [--batch 32] [--max-length 256] [--model default]
//                 [--min-ratio 0] [--skip-peer] [--device cpu|cuda]
// The peer runs under RANKPO_BENCH_PYTHON when set (a command prefix, e.g. "python3" on a GPU machine whose
// Python has sentence-transformers), else Debian's Python with .deps/python.
//
// The texts are the paper's sample texts, each long enough to fill 256 tokens, made distinct by a suffix.
#include "core/util/openmp_environment.h"
#include "core/model/model_resolver.h"
#include "core/model/text_encoder.h"

#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

std::vector<std::string> sampleLikeTexts(std::size_t count)
{
    std::vector<std::string> base;
    std::set<std::string> seen;
    const std::string dir = std::string(RANKPO_SHARED_DATA_DIR) + "/rankpo-sample/";
    for (const char* file : {"annotated_pair_data-sample.jsonl", "train_data-sample.jsonl"}) {
        std::ifstream in(dir + file);
        if (!in)
            throw std::runtime_error("cannot open " + dir + file);
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty())
                continue;
            const auto row = nlohmann::json::parse(line);
            std::vector<std::string> texts;
            for (const char* key : {"query", "passage1", "passage2"})
                if (row.contains(key))
                    texts.push_back(row[key]);
            for (const char* key : {"positives", "negatives"})
                if (row.contains(key))
                    for (const auto& t : row[key])
                        texts.push_back(t);
            for (auto& t : texts)
                if (seen.insert(t).second)
                    base.push_back(t);
        }
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; out.size() < count; ++i) {
        // Sample texts run to thousands of characters; short ones are joined with the next so that every text
        // fills the maximum length.
        std::string t = base[i % base.size()];
        for (std::size_t k = 1; t.size() < 2500; ++k)
            t += " " + base[(i + k) % base.size()];
        out.push_back("[" + std::to_string(out.size()) + "] " + t);
    }
    return out;
}

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

std::string shellQuote(const std::string& s)
{
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

} // namespace

int main(int argc, char** argv)
{
    rankpo::ensurePassiveOpenMpWait(argc, argv); // see core/util/openmp_environment.h
    std::size_t texts = 1000, batch = 32, maxLength = 256;
    int threads = int(std::max(1u, std::thread::hardware_concurrency()));
    std::string model = "default", device = "cpu";
    double minRatio = 0;
    bool skipPeer = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << a << " needs a value\n";
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--texts") texts = std::stoul(next());
        else if (a == "--threads") threads = std::stoi(next());
        else if (a == "--batch") batch = std::stoul(next());
        else if (a == "--max-length") maxLength = std::stoul(next());
        else if (a == "--model") model = next();
        else if (a == "--min-ratio") minRatio = std::stod(next());
        else if (a == "--skip-peer") skipPeer = true;
        else if (a == "--device") device = next();
        else {
            std::cerr << "unknown argument " << a << "\n";
            return 2;
        }
    }

    try {
        const rankpo::ModelEntry entry = rankpo::ModelCatalog().resolve(model);
        const std::vector<std::string> corpus = sampleLikeTexts(texts);
        auto encoder = rankpo::TextEncoder::open(entry.folder, {device, threads, batch, maxLength});
        encoder->encode(std::vector<std::string>(corpus.begin(), corpus.begin() + std::min(batch, corpus.size())));
        const double rssBefore = peakRssMb();
        const auto start = std::chrono::steady_clock::now();
        const rankpo::EmbeddingMatrix out = encoder->encode(corpus);
        const double ours = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double rssAfter = peakRssMb();
        std::printf("model %s, %zu texts x %zu tokens, batch %zu, %d threads, %s\n", entry.name.c_str(), corpus.size(),
                    maxLength, batch, threads, device.c_str());
        std::printf("rankpo (libtorch C++):        %8.2f s  %8.1f texts/s  peak RSS %.0f MB (+%.0f MB while encoding)\n",
                    ours, double(out.rows) / ours, rssAfter, rssAfter - rssBefore);
        if (skipPeer)
            return 0;

        const std::filesystem::path textsFile = std::filesystem::temp_directory_path() /
                                                ("rankpo-bench-texts-" + std::to_string(::getpid()) + ".json");
        std::ofstream(textsFile) << nlohmann::json(corpus).dump();
        const char* python = std::getenv("RANKPO_BENCH_PYTHON");
        const std::string cmd = (python ? std::string(python)
                                        : "PYTHONPATH=" + shellQuote(RANKPO_SOURCE_DIR "/.deps/python") + " /usr/bin/python3") +
                                " " + shellQuote(RANKPO_SOURCE_DIR "/bench/st_encode_bench.py") + " " +
                                shellQuote(entry.folder.string()) + " " + shellQuote(textsFile.string()) + " " +
                                std::to_string(threads) + " " + std::to_string(batch) + " " + std::to_string(maxLength) +
                                " " + device + " 2>/dev/null";
        std::string output;
        if (FILE* pipe = ::popen(cmd.c_str(), "r")) {
            char buf[4096];
            while (std::fgets(buf, sizeof buf, pipe))
                output += buf;
            ::pclose(pipe);
        }
        std::filesystem::remove(textsFile);
        const auto peer = nlohmann::json::parse(output.substr(output.find('{')), nullptr, false);
        if (peer.is_discarded() || !peer.contains("seconds")) {
            std::fprintf(stderr, "sentence-transformers did not run (scripts/install-python-deps.sh installs it): %s\n",
                         output.c_str());
            return 1;
        }
        const double theirs = peer["seconds"].get<double>();
        std::printf("sentence-transformers (torch): %8.2f s  %8.1f texts/s  peak RSS %.0f MB\n", theirs,
                    double(corpus.size()) / theirs, peer["peak_rss_mb"].get<double>());
        const double ratio = theirs / ours;
        std::printf("throughput ratio rankpo / sentence-transformers: %.3f\n", ratio);
        if (ratio < minRatio) {
            std::fprintf(stderr, "ratio %.3f is below the required %.3f\n", ratio, minRatio);
            return 1;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "encoder_bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
