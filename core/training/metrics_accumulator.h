#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace rankpo {

// Collects the metrics of every micro-batch between two log lines and reports their means, as
// upstream's store_metrics / log pair does (each key averaged over the micro-batches that reported
// it, so a term that is off in some batches does not drag its mean towards 0). Values that are not
// averages (the learning rate, the last gradient norm, the epoch) are set with setLatest and
// reported as last set. Keys keep the names they are given: use core/losses/metric_names.h.
class MetricsAccumulator {
public:
    // One micro-batch's metrics (a loss's LossOutput::metrics, or {"loss", value}).
    void add(const std::map<std::string, double>& metrics);
    void add(const std::string& name, double value);
    void setLatest(const std::string& name, double value);

    // Means (and latest values) since the last flush, sorted by name; then forgets them.
    std::map<std::string, double> flush();

    bool empty() const { return m_sums.empty() && m_latest.empty(); }
    // Micro-batches that reported `name` since the last flush.
    std::int64_t count(const std::string& name) const;

private:
    struct Sum {
        double total = 0.0;
        std::int64_t count = 0;
    };
    std::map<std::string, Sum> m_sums;
    std::map<std::string, double> m_latest;
};

} // namespace rankpo
