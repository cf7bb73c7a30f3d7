#pragma once

#include <string>
#include <string_view>

namespace rankpo {

// A random (version 4) UUID in its usual text form, as the id a writer gives a judgement when it makes it: a
// retry of the same judgement carries the same id, so that the store keeps it once.
std::string newClientId();

// An id a caller gives (`rankpo annotate --client-id`): 1-100 printable ASCII characters, no spaces.
bool isValidClientId(std::string_view id);

} // namespace rankpo
