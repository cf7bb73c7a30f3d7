#pragma once

#include "core/domain/job.h"

#include <string_view>

namespace rankpo {

// Reads the facts a job description states in its header lines, in the forms real postings use:
//   "Salary £27,511 per annum", "Closing Date: 06/10/2019", "Location : Oxford Road, Manchester",
//   "Closing Date" followed by the value on the next line.
// The title is a "Job Title"/"Position" line, else a title-like first line, else the posting URL's
// slug (`externalId`). Facts the text does not state stay empty.
JobFacts parseJobFacts(std::string_view text, std::string_view externalId = {});

} // namespace rankpo
