#pragma once

#include <cstddef>
#include <vector>

namespace rankpo {

// Row-major sentence embeddings: rows x dim floats, one unit-length row per text.
struct EmbeddingMatrix {
    std::size_t rows = 0;
    std::size_t dim = 0;
    std::vector<float> values;

    const float* row(std::size_t i) const { return values.data() + i * dim; }
    float* row(std::size_t i) { return values.data() + i * dim; }
};

} // namespace rankpo
