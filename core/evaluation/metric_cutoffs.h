#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rankpo {

// The ranks at which ranking metrics are cut. Always ascending and distinct, so that one pass down a
// ranking can fill every cutoff in order.
class MetricCutoffs {
public:
    // The paper's cutoffs (compute_metrics' default): 1, 5, 10, 20, 100.
    MetricCutoffs();
    // Throws a usage error unless every value is >= 1; sorts and removes duplicates.
    explicit MetricCutoffs(std::vector<int> values);
    // "1,5,10" (spaces allowed). Throws a usage error naming the bad item.
    static MetricCutoffs parse(std::string_view text);

    const std::vector<int>& values() const { return m_values; }
    int largest() const { return m_values.back(); }
    std::size_t size() const { return m_values.size(); }

private:
    std::vector<int> m_values;
};

// The stable key of a metric at a cutoff: metricKey("nDCG", 20) == "nDCG@20".
std::string metricKey(std::string_view name, int cutoff);

} // namespace rankpo
