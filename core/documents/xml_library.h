#pragma once

namespace rankpo {

// libxml2 must be initialised once, before threads use it (xmlInitParser is not itself thread-safe in 2.9),
// and reports parse errors to stderr unless told otherwise. Call this before parsing on any thread: the first
// call initialises the library, every call silences libxml2's error output on the calling thread (its error
// handlers are per thread). Cheap after the first call.
void prepareXmlLibrary();

} // namespace rankpo
