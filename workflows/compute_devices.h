#pragma once

// The devices a model can run on here, for the app's device choice: the CPU always; CUDA when libtorch was
// built with it and a GPU is visible (Debian's libtorch is CPU-only, so there it is listed as unavailable with
// the reason). No torch in this header.
#include <string>
#include <vector>

namespace rankpo::workflows {

struct ComputeDevice {
    std::string id;          // "auto", "cpu", "cuda": what EncodingOptions::device takes
    std::string label;       // "CUDA (NVIDIA H100 80GB HBM3)"
    bool available = false;
    std::string reason;      // why it is unavailable; empty when it is available
};

// auto first (CUDA when available, else the CPU), then cpu, then cuda.
std::vector<ComputeDevice> computeDevices();

} // namespace rankpo::workflows
