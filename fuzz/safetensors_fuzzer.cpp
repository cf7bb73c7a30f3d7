// Any byte string given to the safetensors reader must either parse into tensors whose byte ranges lie inside
// the buffer, or be rejected with rankpo::Error. AddressSanitizer catches any read outside the buffer.
#include "core/model/safetensors_file.h"
#include "core/util/error.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const rankpo::SafeTensorsFile file =
            rankpo::SafeTensorsFile::parse(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
        for (const auto& t : file.tensors()) {
            if (t.end - t.begin > (1u << 20))
                continue; // bounded work per input; the range checks above already ran
            try {
                volatile float sink = 0;
                for (float v : file.toFloat(t))
                    sink = sink + v;
            } catch (const rankpo::Error&) {
                // a non-float dtype: a clear error is the expected outcome
            }
        }
    } catch (const rankpo::Error&) {
    }
    return 0;
}
