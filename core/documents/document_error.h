#pragma once

#include "core/util/error.h"

#include <string>

namespace rankpo {

// Why a document cannot be imported. The importer stops on the first one (strict) or skips the file and lists
// its message (--skip-invalid); the app can also group failures by problem.
enum class DocumentProblem {
    Unreadable,      // the file cannot be opened or read (ErrorKind::Io)
    Unsupported,     // not a document format we read
    TooLarge,        // over the caller's size limit
    Empty,           // nothing in it: 0 bytes, only white space, a PDF without pages
    NoText,          // pages or images but no text: a scan that needs OCR first
    NeedsPassword,   // encrypted with a user (open) password
    Broken,          // damaged or not what its extension says: a broken PDF or zip, malformed XML
    NotWordDocument, // a zip archive without word/document.xml (another Office format renamed, an .odt)
    Encoding,        // bytes that are not text in the expected encoding (the message names the byte offset)
};

// A document that cannot be imported. It is a rankpo::Error (kind Data, or Io for an unreadable file) whose
// message names the file first: "cv/x.pdf: needs a password to open", so that it can be shown as is.
class DocumentError : public Error {
public:
    DocumentError(DocumentProblem problem, const std::string& name, const std::string& reason)
        : Error(problem == DocumentProblem::Unreadable ? ErrorKind::Io : ErrorKind::Data, name + ": " + reason),
          m_problem(problem), m_name(name), m_reason(reason)
    {
    }

    DocumentProblem problem() const noexcept { return m_problem; }
    // The file as the caller named it, and the reason without it.
    const std::string& name() const noexcept { return m_name; }
    const std::string& reason() const noexcept { return m_reason; }

private:
    DocumentProblem m_problem;
    std::string m_name;
    std::string m_reason;
};

} // namespace rankpo
