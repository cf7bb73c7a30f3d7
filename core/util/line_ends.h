#pragma once

#include <string>

namespace rankpo {

// "\r\n" and a lone "\r" (old Mac files) become "\n", in place. Every text that enters a project from a
// document or a pool of records goes through this, so that equal texts hash equal whatever the platform.
void normalizeLineEnds(std::string& text);

} // namespace rankpo
