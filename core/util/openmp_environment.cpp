#include "core/util/openmp_environment.h"

#include <cstdlib>
#include <unistd.h>

namespace rankpo {

void ensurePassiveOpenMpWait(int argc, char** argv)
{
    (void)argc;
    if (std::getenv("OMP_WAIT_POLICY"))
        return;
    ::setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
    ::execv("/proc/self/exe", argv);
    // exec failed (no /proc): go on with the default policy, only slower.
}

} // namespace rankpo
