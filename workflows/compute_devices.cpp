#include "workflows/compute_devices.h"

#include <torch/cuda.h>
#include <torch/version.h>

#include <filesystem>
#include <fstream>
#include <thread>

namespace rankpo::workflows {
namespace {

// The GPUs' marketing names from the NVIDIA driver's /proc entries: available without the CUDA headers that a
// CPU-only libtorch does not ship.
std::vector<std::string> nvidiaGpuNames()
{
    std::vector<std::string> names;
    std::error_code ec;
    const std::filesystem::path root("/proc/driver/nvidia/gpus");
    if (!std::filesystem::is_directory(root, ec))
        return names;
    for (const auto& gpu : std::filesystem::directory_iterator(root, ec)) {
        std::ifstream in(gpu.path() / "information");
        std::string line;
        while (std::getline(in, line)) {
            const std::string key = "Model:";
            if (line.rfind(key, 0) == 0) {
                const auto start = line.find_first_not_of(" \t", key.size());
                names.push_back(start == std::string::npos ? std::string() : line.substr(start));
                break;
            }
        }
    }
    return names;
}

} // namespace

std::vector<ComputeDevice> computeDevices()
{
    ComputeDevice cpu{"cpu", "CPU (" + std::to_string(std::max(1u, std::thread::hardware_concurrency())) + " threads)",
                      true, {}};
    ComputeDevice cuda{"cuda", "CUDA", false, {}};
    bool cudaAvailable = false;
    try {
        cudaAvailable = torch::cuda::is_available();
    } catch (const std::exception& e) {
        cuda.reason = e.what();
    }
    if (cudaAvailable) {
        cuda.available = true;
        const auto names = nvidiaGpuNames();
        const auto count = torch::cuda::device_count();
        std::string label = names.empty() ? std::to_string(count) + " GPU(s)" : names.front();
        if (names.size() > 1)
            label += " + " + std::to_string(names.size() - 1) + " more";
        cuda.label = "CUDA (" + label + ")";
    } else if (cuda.reason.empty()) {
        const auto names = nvidiaGpuNames();
        cuda.reason = names.empty() ? "no CUDA GPU is visible to libtorch " TORCH_VERSION
                                    : "this libtorch (" TORCH_VERSION ") was built without CUDA, so the "
                                          + names.front() + " cannot be used (Debian's libtorch is CPU-only)";
        if (names.empty())
            cuda.reason += " (a CPU-only build, like Debian's, never sees one)";
    }
    ComputeDevice autoDevice{"auto", cuda.available ? "Automatic: " + cuda.label : "Automatic: CPU", true, {}};
    return {autoDevice, cpu, cuda};
}

} // namespace rankpo::workflows
