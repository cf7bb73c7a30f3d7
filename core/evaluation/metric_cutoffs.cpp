#include "core/evaluation/metric_cutoffs.h"

#include "core/util/error.h"

#include <algorithm>
#include <charconv>

namespace rankpo {

MetricCutoffs::MetricCutoffs() : m_values{1, 5, 10, 20, 100} {}

MetricCutoffs::MetricCutoffs(std::vector<int> values) : m_values(std::move(values))
{
    if (m_values.empty())
        throw usageError("cutoffs: at least one cutoff is needed");
    for (int v : m_values) {
        if (v < 1)
            throw usageError("cutoffs: " + std::to_string(v) + " is not a rank (cutoffs start at 1)");
    }
    std::sort(m_values.begin(), m_values.end());
    m_values.erase(std::unique(m_values.begin(), m_values.end()), m_values.end());
}

MetricCutoffs MetricCutoffs::parse(std::string_view text)
{
    std::vector<int> values;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = text.find(',', start);
        if (comma == std::string_view::npos)
            comma = text.size();
        std::string_view item = text.substr(start, comma - start);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t'))
            item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t'))
            item.remove_suffix(1);
        int value = 0;
        const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
        if (item.empty() || ec != std::errc() || end != item.data() + item.size())
            throw usageError("cutoffs: '" + std::string(item) + "' is not a positive integer (expected e.g. 1,5,10,20,100)");
        values.push_back(value);
        start = comma + 1;
    }
    return MetricCutoffs(std::move(values));
}

std::string metricKey(std::string_view name, int cutoff)
{
    std::string key(name);
    key += '@';
    key += std::to_string(cutoff);
    return key;
}

} // namespace rankpo
