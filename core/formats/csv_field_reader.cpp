#include "core/formats/csv_field_reader.h"

#include "core/util/trim.h"

#include "core/formats/import_records.h"
#include "core/formats/line_reader.h"

#include <cctype>

namespace rankpo {

bool CsvFieldReader::next(std::vector<std::string>& fields)
{
    fields.clear();
    std::string_view line;
    // Skip blank lines between records.
    do {
        if (!m_lines.next(line))
            return false;
    } while (line.find_first_not_of(" \t") == std::string_view::npos);
    m_recordLine = m_lines.lineNumber();

    std::string field;
    bool quoted = false;    // inside a quoted field
    bool wasQuoted = false; // the current field started with a quote
    std::size_t i = 0;
    for (;;) {
        if (i >= line.size()) {
            if (quoted) {
                // The quoted field goes on on the next line.
                field.push_back('\n');
                if (!m_lines.next(line))
                    throw RecordError{"unterminated quoted field (opened on this line, file ended)"};
                i = 0;
                continue;
            }
            fields.push_back(wasQuoted ? field : std::string(trim(field)));
            return true;
        }
        const char c = line[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < line.size() && line[i + 1] == '"') {
                    field.push_back('"');
                    i += 2;
                    continue;
                }
                quoted = false;
                ++i;
                continue;
            }
            field.push_back(c);
            ++i;
            continue;
        }
        if (c == '"' && trim(field).empty() && !wasQuoted) {
            field.clear();
            quoted = wasQuoted = true;
            ++i;
            continue;
        }
        if (c == ',') {
            fields.push_back(wasQuoted ? field : std::string(trim(field)));
            field.clear();
            wasQuoted = false;
            ++i;
            continue;
        }
        if (wasQuoted && !std::isspace(static_cast<unsigned char>(c)))
            throw RecordError{"text after a closing quote in column " + std::to_string(fields.size() + 1)};
        if (!wasQuoted)
            field.push_back(c);
        ++i;
    }
}

} // namespace rankpo
