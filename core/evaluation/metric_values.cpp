#include "core/evaluation/metric_values.h"

#include "core/util/error.h"

namespace rankpo {

void MetricValues::set(const std::string& key, double value)
{
    for (auto& entry : m_entries) {
        if (entry.first == key) {
            entry.second = value;
            return;
        }
    }
    m_entries.emplace_back(key, value);
}

std::optional<double> MetricValues::find(std::string_view key) const
{
    for (const auto& entry : m_entries) {
        if (entry.first == key)
            return entry.second;
    }
    return std::nullopt;
}

double MetricValues::at(std::string_view key) const
{
    if (auto value = find(key))
        return *value;
    throw usageError("no metric '" + std::string(key) + "'");
}

} // namespace rankpo
