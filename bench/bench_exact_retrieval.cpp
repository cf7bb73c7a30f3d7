// Exact top-k retrieval: ExactRetriever against FAISS IndexFlatIP (Debian's libfaiss) on the same
// L2-normalised data, the same thread count and the same BLAS. Prints both times and the ratio; exits
// non-zero when ours takes more than 1.5x FAISS's time or the two disagree on the results.
//
//   bench_exact_retrieval [--queries 2000] [--candidates 200000] [--dim 384] [--k 10] [--threads N] [--repeats 3]
#include "core/util/openmp_environment.h"
#include "core/evaluation/exact_retriever.h"

#include <faiss/IndexFlat.h>
#include <omp.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

namespace {

struct Args {
    std::int64_t queries = 2000;
    std::int64_t candidates = 200000;
    std::int64_t dim = 384;
    std::int64_t k = 10;
    int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    int repeats = 3;
    double maxRatio = 1.5;
};

Args parseArgs(int argc, char** argv)
{
    Args a;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        const long long value = std::atoll(argv[i + 1]);
        if (name == "--queries") a.queries = value;
        else if (name == "--candidates") a.candidates = value;
        else if (name == "--dim") a.dim = value;
        else if (name == "--k") a.k = value;
        else if (name == "--threads") a.threads = static_cast<int>(value);
        else if (name == "--repeats") a.repeats = static_cast<int>(value);
        else if (name == "--max-ratio") a.maxRatio = std::atof(argv[i + 1]);
        else {
            std::fprintf(stderr, "unknown option %s\n", name.c_str());
            std::exit(2);
        }
    }
    return a;
}

at::Tensor normalisedRows(std::int64_t rows, std::int64_t dim, std::uint64_t seed)
{
    auto generator = at::detail::createCPUGenerator(seed);
    at::Tensor x = at::randn({rows, dim}, generator, at::TensorOptions().dtype(at::kFloat));
    return (x / x.norm(2, 1, true)).contiguous();
}

template <typename F>
double seconds(F&& f)
{
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv)
{
    rankpo::ensurePassiveOpenMpWait(argc, argv); // see core/util/openmp_environment.h
    const Args a = parseArgs(argc, argv);
    at::set_num_threads(a.threads);
    omp_set_num_threads(a.threads);
    const at::Tensor queries = normalisedRows(a.queries, a.dim, 1);
    const at::Tensor candidates = normalisedRows(a.candidates, a.dim, 2);
    std::printf("exact top-%lld: %lld queries x %lld candidates, dimension %lld, %d threads, best of %d\n",
                static_cast<long long>(a.k), static_cast<long long>(a.queries), static_cast<long long>(a.candidates),
                static_cast<long long>(a.dim), a.threads, a.repeats);

    faiss::IndexFlatIP index(a.dim);
    index.add(a.candidates, candidates.data_ptr<float>());
    std::vector<float> faissScores(static_cast<std::size_t>(a.queries * a.k));
    std::vector<faiss::Index::idx_t> faissIds(static_cast<std::size_t>(a.queries * a.k));
    const rankpo::ExactRetriever retriever({a.k, 4096, 1024, a.threads});
    rankpo::TopKResult ours;
    // Interleaved, best of each: the machine's load drifts, and both should see the same drift.
    double faissSeconds = 1e300, ourSeconds = 1e300;
    for (int r = 0; r < a.repeats; ++r) {
        faissSeconds = std::min(faissSeconds, seconds([&] {
            index.search(a.queries, queries.data_ptr<float>(), a.k, faissScores.data(), faissIds.data());
        }));
        ourSeconds = std::min(ourSeconds, seconds([&] { ours = retriever.search(queries, candidates); }));
    }

    // Same results: the top-k sets agree except where scores tie within float noise at the boundary.
    std::int64_t same = 0;
    double maxScoreDifference = 0.0;
    for (std::int64_t q = 0; q < a.queries; ++q) {
        std::unordered_set<std::int64_t> theirs(faissIds.begin() + q * a.k, faissIds.begin() + (q + 1) * a.k);
        for (std::int64_t r = 0; r < a.k; ++r) {
            same += theirs.count(ours.index(q, r));
            maxScoreDifference = std::max(maxScoreDifference,
                                          static_cast<double>(std::abs(ours.score(q, r) - faissScores[static_cast<std::size_t>(q * a.k + r)])));
        }
    }
    const double overlap = static_cast<double>(same) / static_cast<double>(a.queries * a.k);
    const double ratio = ourSeconds / faissSeconds;
    std::printf("faiss IndexFlatIP   %8.3f s\n", faissSeconds);
    std::printf("rankpo ExactRetriever %6.3f s\n", ourSeconds);
    std::printf("ratio (ours / faiss) %7.3f   (budget %.2f)\n", ratio, a.maxRatio);
    std::printf("top-k overlap with faiss %.6f, largest score difference %.2e\n", overlap, maxScoreDifference);
    if (overlap < 0.999 || maxScoreDifference > 1e-4) {
        std::printf("FAIL: results differ from faiss\n");
        return 1;
    }
    if (ratio > a.maxRatio) {
        std::printf("FAIL: slower than %.2fx faiss\n", a.maxRatio);
        return 1;
    }
    return 0;
}
