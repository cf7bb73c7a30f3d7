#pragma once

#include "core/domain/ids.h"

#include <string>

namespace rankpo {

// Facts a job description states in its header lines, when it states them ("Salary £27,511 per
// annum", "Closing Date 06/02/2020"). Empty when the text does not say.
struct JobFacts {
    std::string title;
    std::string institution;
    std::string location;
    std::string contract;
    std::string salary;
    std::string closingDate;

    bool empty() const
    {
        return title.empty() && institution.empty() && location.empty() && contract.empty() && salary.empty()
            && closingDate.empty();
    }
};

struct Job {
    JobId id = 0;
    std::string externalId;
    std::string text;
    JobFacts facts;
};

} // namespace rankpo
