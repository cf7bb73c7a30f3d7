#pragma once

// bf16 autocast for CUDA forward passes, over the two libtorch APIs (1.13's set_enabled and
// set_autocast_gpu_dtype; 2.4+'s per-device set_autocast_enabled/set_autocast_dtype). Engine-internal.
#include <ATen/autocast_mode.h>
#include <torch/version.h>

namespace rankpo {

class AutocastScope {
public:
    struct Settings {
        bool enabled = false;
    };

    explicit AutocastScope(Settings settings) : m_enabled(settings.enabled)
    {
        if (!m_enabled)
            return;
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
        m_previous = at::autocast::is_autocast_enabled(at::kCUDA);
        at::autocast::set_autocast_enabled(at::kCUDA, true);
        at::autocast::set_autocast_dtype(at::kCUDA, at::kBFloat16);
#else
        m_previous = at::autocast::is_enabled();
        at::autocast::set_enabled(true);
        at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
#endif
    }

    ~AutocastScope()
    {
        if (!m_enabled)
            return;
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
        at::autocast::set_autocast_enabled(at::kCUDA, m_previous);
#else
        at::autocast::set_enabled(m_previous);
#endif
        at::autocast::clear_cache();
    }

    AutocastScope(const AutocastScope&) = delete;
    AutocastScope& operator=(const AutocastScope&) = delete;

private:
    bool m_enabled;
    bool m_previous = false;
};

} // namespace rankpo
