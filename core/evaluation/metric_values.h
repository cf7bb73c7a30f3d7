#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rankpo {

// Named metric values in the order an evaluator produced them ("nDCG@1", "nDCG@5", ..., "MRR@1", ...).
// A value is NaN where the metric is undefined for the data (AUC when the pooled top-k holds only one
// class); writers show it as null.
class MetricValues {
public:
    void set(const std::string& key, double value);
    std::optional<double> find(std::string_view key) const;
    // Throws a usage error naming the key when it is absent.
    double at(std::string_view key) const;

    const std::vector<std::pair<std::string, double>>& entries() const { return m_entries; }
    bool empty() const { return m_entries.empty(); }

private:
    std::vector<std::pair<std::string, double>> m_entries;
};

} // namespace rankpo
