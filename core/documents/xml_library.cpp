#include "core/documents/xml_library.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <mutex>

namespace rankpo {
namespace {

void ignoreGenericError(void*, const char*, ...) {}

} // namespace

void prepareXmlLibrary()
{
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
    // Parse errors are read from the parser context and named in our own messages.
    xmlSetGenericErrorFunc(nullptr, &ignoreGenericError);
    xmlSetStructuredErrorFunc(nullptr, nullptr);
}

} // namespace rankpo
