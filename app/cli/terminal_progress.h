#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace rankpo::cli {

// A one-line progress bar on stderr, drawn only when stderr is a terminal and at most ~10 times a
// second, so that piping the CLI's output stays clean.
class TerminalProgress {
public:
    explicit TerminalProgress(std::string label);
    ~TerminalProgress();

    void update(std::uint64_t done, std::uint64_t total, const std::string& detail = {});
    void finish();
    bool enabled() const { return m_enabled; }

private:
    std::string m_label;
    bool m_enabled;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last;
};

std::string formatDuration(double seconds);

} // namespace rankpo::cli
