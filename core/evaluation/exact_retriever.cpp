#include "core/evaluation/exact_retriever.h"

#include "core/util/error.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace rankpo {
namespace {

struct Entry {
    float score;
    std::int64_t index;
};

// `a` ranks before `b`: higher score, or equal score and lower row. Used as the heap's less-than, it
// puts the WORST kept entry at the root, where the next candidate is compared with it.
inline bool ranksBefore(const Entry& a, const Entry& b)
{
    return a.score > b.score || (a.score == b.score && a.index < b.index);
}

// Validates a [rows, D] embedding matrix and returns it as contiguous float32 on the CPU.
at::Tensor embeddingMatrix(const at::Tensor& t, const char* name)
{
    if (!t.defined())
        throw dataError(std::string(name) + ": tensor is undefined");
    if (t.dim() != 2)
        throw dataError(std::string(name) + ": expected a 2-D tensor [rows, dimension], got " + std::to_string(t.dim()) + "-D");
    if (!at::isFloatingType(t.scalar_type()))
        throw dataError(std::string(name) + ": expected floating-point embeddings, got " + std::string(c10::toString(t.scalar_type())));
    at::Tensor m = t.to(at::kCPU, at::kFloat).contiguous();
    // A sum is cheap and non-finite whenever an element is; only then look for the culprit (a finite
    // sum of huge values could overflow, so the row search decides).
    if (m.numel() > 0 && !std::isfinite(m.sum().item<double>())) {
        const at::Tensor badRows = (~at::isfinite(m)).any(1).nonzero();
        if (badRows.numel() > 0)
            throw dataError(std::string(name) + ": row " + std::to_string(badRows[0][0].item<std::int64_t>())
                            + " has a non-finite value");
    }
    return m;
}

} // namespace

ExactRetriever::ExactRetriever(RetrievalOptions options) : m_options(options)
{
    if (m_options.k < 1 || m_options.queryBlock < 1 || m_options.candidateBlock < 1 || m_options.threads < 0)
        throw usageError("retrieval: k (" + std::to_string(m_options.k) + ") and block sizes must be >= 1, threads >= 0");
}

TopKResult ExactRetriever::search(const float* queries, std::int64_t queryCount, const float* candidates,
                                  std::int64_t candidateCount, std::int64_t dimension) const
{
    if (queryCount < 0 || candidateCount < 0 || dimension < 1 || (queryCount > 0 && !queries)
        || (candidateCount > 0 && !candidates))
        throw usageError("retrieval: bad matrix shape (" + std::to_string(queryCount) + " queries, "
                         + std::to_string(candidateCount) + " candidates, dimension " + std::to_string(dimension) + ")");
    const auto options = at::TensorOptions().dtype(at::kFloat);
    return search(at::from_blob(const_cast<float*>(queries), {queryCount, dimension}, options),
                  at::from_blob(const_cast<float*>(candidates), {candidateCount, dimension}, options));
}

TopKResult ExactRetriever::search(const at::Tensor& queryTensor, const at::Tensor& candidateTensor) const
{
    if (m_options.threads > 0)
        at::set_num_threads(m_options.threads);
    const at::Tensor queries = embeddingMatrix(queryTensor, "queries");
    const at::Tensor candidates = embeddingMatrix(candidateTensor, "candidates");
    if (queries.size(1) != candidates.size(1))
        throw dataError("queries have dimension " + std::to_string(queries.size(1)) + " but candidates "
                        + std::to_string(candidates.size(1)));
    at::NoGradGuard noGrad;

    const std::int64_t nq = queries.size(0);
    const std::int64_t nc = candidates.size(0);
    TopKResult result;
    result.queries = nq;
    result.k = std::min(m_options.k, nc);
    const std::int64_t k = result.k;
    result.indices.resize(static_cast<std::size_t>(nq * k));
    result.scores.resize(static_cast<std::size_t>(nq * k));
    if (nq == 0 || k == 0)
        return result;

    const std::int64_t qb = std::min(m_options.queryBlock, nq);
    const std::int64_t cb = std::min(m_options.candidateBlock, nc);
    std::vector<float> block(static_cast<std::size_t>(qb * cb));
    std::vector<Entry> heaps(static_cast<std::size_t>(qb * k));
    std::vector<std::int64_t> heapSizes(static_cast<std::size_t>(qb));

    for (std::int64_t q0 = 0; q0 < nq; q0 += qb) {
        const std::int64_t qn = std::min(qb, nq - q0);
        const at::Tensor queryRows = queries.narrow(0, q0, qn);
        std::fill(heapSizes.begin(), heapSizes.end(), 0);
        for (std::int64_t c0 = 0; c0 < nc; c0 += cb) {
            const std::int64_t cn = std::min(cb, nc - c0);
            // The block is reused: a contiguous [qn, cn] view of the same buffer, so no allocation.
            at::Tensor scores = at::from_blob(block.data(), {qn, cn}, at::TensorOptions().dtype(at::kFloat));
            at::mm_out(scores, queryRows, candidates.narrow(0, c0, cn).t());
            at::parallel_for(0, qn, 1, [&](std::int64_t begin, std::int64_t end) {
                for (std::int64_t q = begin; q < end; ++q) {
                    const float* row = block.data() + q * cn;
                    Entry* heap = heaps.data() + q * k;
                    std::int64_t size = heapSizes[static_cast<std::size_t>(q)];
                    std::int64_t j = 0;
                    for (; j < cn && size < k; ++j) {
                        heap[size++] = {row[j], c0 + j};
                        std::push_heap(heap, heap + size, ranksBefore);
                    }
                    // Rows arrive in ascending order, so an equal score never beats the root.
                    float threshold = heap[0].score;
                    for (; j < cn; ++j) {
                        if (row[j] > threshold) {
                            std::pop_heap(heap, heap + k, ranksBefore);
                            heap[k - 1] = {row[j], c0 + j};
                            std::push_heap(heap, heap + k, ranksBefore);
                            threshold = heap[0].score;
                        }
                    }
                    heapSizes[static_cast<std::size_t>(q)] = size;
                }
            });
        }
        at::parallel_for(0, qn, 1, [&](std::int64_t begin, std::int64_t end) {
            for (std::int64_t q = begin; q < end; ++q) {
                Entry* heap = heaps.data() + q * k;
                std::sort_heap(heap, heap + k, ranksBefore); // ascending under ranksBefore: best first
                for (std::int64_t r = 0; r < k; ++r) {
                    const auto out = static_cast<std::size_t>((q0 + q) * k + r);
                    result.indices[out] = heap[r].index;
                    result.scores[out] = heap[r].score;
                }
            }
        });
    }
    return result;
}

} // namespace rankpo
