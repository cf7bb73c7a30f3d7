#pragma once

#include "core/evaluation/top_k_result.h"

#include <cstdint>

namespace at {
class Tensor;
}

namespace rankpo {

struct RetrievalOptions {
    std::int64_t k = 100;
    // The score block is queryBlock x candidateBlock floats: memory stays bounded (16 MiB by default)
    // however many candidates there are, and each block is consumed while it is still in cache.
    std::int64_t queryBlock = 4096;
    std::int64_t candidateBlock = 1024;
    int threads = 0; // > 0: at::set_num_threads(threads) first (process-wide); 0: keep libtorch's setting
};

// Exact maximum-inner-product search: for every query row, the k candidate rows with the highest
// inner product, which is the cosine similarity for L2-normalised embeddings (the encoder's output).
// Blocked: one matrix product per (query block, candidate block) on libtorch's BLAS, then every
// query's running top k is updated from its row of the block (a k-sized heap; a score that does not
// beat the current k-th best costs one comparison), rows in parallel.
class ExactRetriever {
public:
    // Throws a usage error unless k and both block sizes are >= 1 and threads >= 0.
    explicit ExactRetriever(RetrievalOptions options = {});

    // `queries` [Q, D] and `candidates` [N, D]: 2-D floating-point tensors (converted to float32 on the
    // CPU). Throws a data error naming the tensor on a wrong rank, a dimension mismatch or a non-finite
    // value (with its row).
    TopKResult search(const at::Tensor& queries, const at::Tensor& candidates) const;
    // The same over row-major float arrays (not copied).
    TopKResult search(const float* queries, std::int64_t queryCount, const float* candidates,
                      std::int64_t candidateCount, std::int64_t dimension) const;

    const RetrievalOptions& options() const { return m_options; }

private:
    RetrievalOptions m_options;
};

} // namespace rankpo
