#include "core/training/metrics_accumulator.h"

#include "core/util/error.h"

namespace rankpo {

void MetricsAccumulator::add(const std::map<std::string, double>& metrics)
{
    for (const auto& [name, value] : metrics)
        add(name, value);
}

void MetricsAccumulator::add(const std::string& name, double value)
{
    if (m_latest.count(name))
        throw usageError("metric '" + name + "' is already reported as a latest value, not a mean");
    Sum& sum = m_sums[name];
    sum.total += value;
    ++sum.count;
}

void MetricsAccumulator::setLatest(const std::string& name, double value)
{
    if (m_sums.count(name))
        throw usageError("metric '" + name + "' is already reported as a mean, not a latest value");
    m_latest[name] = value;
}

std::int64_t MetricsAccumulator::count(const std::string& name) const
{
    const auto it = m_sums.find(name);
    return it == m_sums.end() ? 0 : it->second.count;
}

std::map<std::string, double> MetricsAccumulator::flush()
{
    std::map<std::string, double> out = m_latest;
    for (const auto& [name, sum] : m_sums)
        out[name] = sum.total / static_cast<double>(sum.count);
    m_sums.clear();
    m_latest.clear();
    return out;
}

} // namespace rankpo
