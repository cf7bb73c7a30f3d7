#include "app/cli/engine_handoff.h"

namespace rankpo::cli {

MissingScorer& missingScorer()
{
    static MissingScorer scorer;
    return scorer;
}

std::function<void()>& engineHandoff()
{
    static std::function<void()> handoff;
    return handoff;
}

} // namespace rankpo::cli
