#pragma once

namespace rankpo {

// libtorch's OpenMP threads spin for a while after every parallel region (GNU OpenMP's default
// "active" wait). Beside OpenBLAS's own threads on a 2-core machine that spinning takes the cores the
// matrix products need: measured 2.3x slower encoding. The wait policy is read once, when libgomp
// loads, before main(); so a program that links libtorch calls this first thing in main(): if
// OMP_WAIT_POLICY is unset it sets it to PASSIVE and re-executes itself (a user's own setting wins).
void ensurePassiveOpenMpWait(int argc, char** argv);

} // namespace rankpo
