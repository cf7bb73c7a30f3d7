#pragma once

#include "core/util/line_ends.h"

#include <string>
#include <string_view>

namespace rankpo {

// Line ends and blank lines, the same for every extractor's output.

// For text that an extractor assembled (PDF, DOCX, HTML): line ends normalised, spaces and tabs at the end
// of each line removed, runs of blank lines cut to one, no blank lines at the start or the end and no final
// line end. Text files are not tidied: their own layout is kept (only their line ends are normalised).
std::string tidyExtractedText(std::string_view text);

// True when the text has nothing but white space (ASCII white space and U+00A0).
bool isBlankText(std::string_view text);

} // namespace rankpo
