#include "app/cli/terminal_progress.h"

#include <cstdio>
#include <unistd.h>

namespace rankpo::cli {

std::string formatDuration(double seconds)
{
    if (seconds < 0 || seconds > 1e7)
        return "--:--";
    const auto s = static_cast<long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%02ld:%02ld", s / 60, s % 60);
    return buf;
}

TerminalProgress::TerminalProgress(std::string label)
    : m_label(std::move(label))
    , m_enabled(::isatty(STDERR_FILENO) == 1)
    , m_start(std::chrono::steady_clock::now())
    , m_last(m_start - std::chrono::seconds(1))
{
}

TerminalProgress::~TerminalProgress()
{
    finish();
}

void TerminalProgress::update(std::uint64_t done, std::uint64_t total, const std::string& detail)
{
    if (!m_enabled)
        return;
    const auto now = std::chrono::steady_clock::now();
    if (now - m_last < std::chrono::milliseconds(100) && done < total)
        return;
    m_last = now;
    const double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
    const int width = 30;
    const int filled = static_cast<int>(fraction * width + 0.5);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(width, '.');
    const double elapsed = std::chrono::duration<double>(now - m_start).count();
    const double eta = fraction > 0.001 ? elapsed * (1.0 - fraction) / fraction : -1.0;
    std::fprintf(stderr, "\r%s [%s] %5.1f%%  %s elapsed, ETA %s %s\033[K", m_label.c_str(), bar.c_str(),
                 fraction * 100.0, formatDuration(elapsed).c_str(), formatDuration(eta).c_str(), detail.c_str());
    std::fflush(stderr);
    m_drawn = true;
}

void TerminalProgress::finish()
{
    if (m_drawn) {
        std::fputs("\n", stderr);
        m_drawn = false;
    }
}

} // namespace rankpo::cli
