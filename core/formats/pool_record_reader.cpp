#include "core/formats/pool_record_reader.h"

#include "core/formats/csv_field_reader.h"
#include "core/formats/import_records.h"
#include "core/formats/json_record.h"
#include "core/formats/line_reader.h"
#include "core/util/line_ends.h"
#include "core/text/utf8_codec.h"

#include <simdjson.h>

#include <array>
#include <cctype>
#include <vector>

namespace rankpo {
namespace {

std::string factKey(std::string_view name)
{
    std::string key;
    key.reserve(name.size());
    for (char c : name) {
        if (c == ' ' || c == '-')
            key.push_back('_');
        else
            key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    while (!key.empty() && key.front() == '_')
        key.erase(0, 1);
    while (!key.empty() && key.back() == '_')
        key.pop_back();
    return key;
}

struct FactName {
    std::string_view key;
    std::string JobFacts::*field;
};

const std::array<FactName, 25> kFacts = {{
    {"title", &JobFacts::title},
    {"job_title", &JobFacts::title},
    {"position", &JobFacts::title},
    {"institution", &JobFacts::institution},
    {"employer", &JobFacts::institution},
    {"organisation", &JobFacts::institution},
    {"organization", &JobFacts::institution},
    {"company", &JobFacts::institution},
    {"university", &JobFacts::institution},
    {"location", &JobFacts::location},
    {"based_in", &JobFacts::location},
    {"contract", &JobFacts::contract},
    {"contract_type", &JobFacts::contract},
    {"employment_type", &JobFacts::contract},
    {"terms", &JobFacts::contract},
    {"salary", &JobFacts::salary},
    {"salary_range", &JobFacts::salary},
    {"salary_package", &JobFacts::salary},
    {"pay", &JobFacts::salary},
    {"closing_date", &JobFacts::closingDate},
    {"closing", &JobFacts::closingDate},
    {"deadline", &JobFacts::closingDate},
    {"application_deadline", &JobFacts::closingDate},
    {"closingdate", &JobFacts::closingDate},
    {"role", &JobFacts::title},
}};

std::string JobFacts::*factField(std::string_view name)
{
    const std::string key = factKey(name);
    for (const FactName& f : kFacts)
        if (key == f.key)
            return f.field;
    return nullptr;
}

std::string trimmed(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return std::string(s);
}

void setFact(JobFacts& facts, std::string JobFacts::*field, std::string value)
{
    std::string& slot = facts.*field;
    if (slot.empty()) // the first of two synonyms wins ("title" and "job_title")
        slot = trimmed(value);
}

} // namespace

std::optional<PoolFileFormat> poolFileFormatForPath(std::string_view path)
{
    const std::size_t slash = path.find_last_of('/');
    const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos)
        return std::nullopt;
    std::string ext(name.substr(dot + 1));
    for (char& c : ext)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == "jsonl" || ext == "ndjson")
        return PoolFileFormat::Jsonl;
    if (ext == "csv")
        return PoolFileFormat::Csv;
    return std::nullopt;
}

class PoolRecordReader::Impl {
public:
    Impl(const std::string& path, PoolFileFormat format, PoolReaderOptions options)
        : m_lines(path), m_csv(m_lines), m_format(format), m_options(std::move(options))
    {
    }

    bool next(PoolRecord& out)
    {
        if (m_fileError)
            throw *m_fileError; // a broken header stays broken
        return m_format == PoolFileFormat::Jsonl ? nextJson(out) : nextCsv(out);
    }

    LineReader m_lines;

private:
    [[noreturn]] void recordError(std::size_t line, const std::string& reason) const
    {
        throw PoolRecordError(m_lines.path(), line, reason);
    }

    bool nextJson(PoolRecord& out)
    {
        std::string_view line;
        do {
            if (!m_lines.next(line))
                return false;
        } while (json_record::isBlank(line));
        const std::size_t number = m_lines.lineNumber();
        out = PoolRecord{};
        out.line = number;
        try {
            const simdjson::dom::object obj = json_record::parseObject(m_parser, line);
            simdjson::dom::element idValue;
            if (obj.at_key(m_options.idField).get(idValue))
                recordError(number, "record has no id (no field '" + m_options.idField + "')");
            const auto id = json_record::optionalId(obj, m_options.idField, m_storage);
            if (!id || json_record::isBlank(*id))
                recordError(number, "record has no id (field '" + m_options.idField + "' is empty)");
            out.externalId = std::string(*id);
            m_storage.clear();
            simdjson::dom::element textValue;
            if (obj.at_key(m_options.textField).get(textValue))
                recordError(number, "record has no text (no field '" + m_options.textField + "')");
            out.text = std::string(json_record::requiredString(obj, m_options.textField));
            for (const auto field : obj) {
                if (field.key == m_options.idField || field.key == m_options.textField)
                    continue;
                std::string JobFacts::*fact = factField(field.key);
                if (!fact)
                    continue;
                const simdjson::dom::element v = field.value;
                switch (v.type()) {
                case simdjson::dom::element_type::STRING: setFact(out.facts, fact, std::string(v.get_string().value_unsafe())); break;
                case simdjson::dom::element_type::INT64: setFact(out.facts, fact, std::to_string(v.get_int64().value_unsafe())); break;
                case simdjson::dom::element_type::UINT64: setFact(out.facts, fact, std::to_string(v.get_uint64().value_unsafe())); break;
                case simdjson::dom::element_type::DOUBLE: setFact(out.facts, fact, simdjson::minify(v)); break;
                case simdjson::dom::element_type::NULL_VALUE: break;
                default:
                    recordError(number, "field '" + std::string(field.key) + "': expected a string or a number, got "
                                            + std::string(json_record::typeName(v.type())));
                }
            }
        } catch (const RecordError& e) {
            recordError(number, e.reason);
        }
        normalizeLineEnds(out.text);
        return true;
    }

    void readHeader()
    {
        m_headerRead = true;
        std::vector<std::string> header;
        try {
            if (!m_csv.next(header))
                throw dataError(m_lines.path() + ": empty CSV file (expected a header line)");
        } catch (const RecordError& e) {
            throw dataError(m_lines.path() + ":" + std::to_string(m_csv.recordLine()) + ": header: " + e.reason);
        }
        auto lower = [](std::string s) {
            for (char& c : s)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return s;
        };
        m_columns = header.size();
        const std::string idName = lower(trimmed(m_options.idField));
        const std::string textName = lower(trimmed(m_options.textField));
        std::string names;
        for (std::size_t i = 0; i < header.size(); ++i) {
            const std::string name = lower(trimmed(header[i]));
            names += (i ? ", " : "") + trimmed(header[i]);
            if (name == idName && m_idColumn < 0)
                m_idColumn = static_cast<int>(i);
            else if (name == textName && m_textColumn < 0)
                m_textColumn = static_cast<int>(i);
            else if (std::string JobFacts::*fact = factField(name))
                m_factColumns.push_back({i, fact});
        }
        std::string missing;
        if (m_idColumn < 0)
            missing = "'" + m_options.idField + "'";
        if (m_textColumn < 0)
            missing += (missing.empty() ? "'" : " and '") + m_options.textField + "'";
        if (!missing.empty())
            throw dataError(m_lines.path() + ":" + std::to_string(m_csv.recordLine()) + ": the CSV header has no " + missing
                            + " column (columns: " + names + ")");
    }

    bool nextCsv(PoolRecord& out)
    {
        if (!m_headerRead) {
            try {
                readHeader();
            } catch (const Error& e) {
                m_fileError = e;
                throw;
            }
        }
        try {
            if (!m_csv.next(m_fields))
                return false;
        } catch (const RecordError& e) {
            recordError(m_csv.recordLine(), e.reason);
        }
        const std::size_t number = m_csv.recordLine();
        if (m_fields.size() != m_columns)
            recordError(number, "expected " + std::to_string(m_columns) + " columns as in the header, got "
                                    + std::to_string(m_fields.size()));
        for (std::size_t i = 0; i < m_fields.size(); ++i)
            if (findInvalidUtf8(m_fields[i]) != std::string::npos)
                recordError(number, "invalid UTF-8 in column " + std::to_string(i + 1));
        out = PoolRecord{};
        out.line = number;
        out.externalId = trimmed(m_fields[static_cast<std::size_t>(m_idColumn)]);
        if (out.externalId.empty())
            recordError(number, "record has no id (column '" + m_options.idField + "' is empty)");
        out.text = std::move(m_fields[static_cast<std::size_t>(m_textColumn)]);
        if (json_record::isBlank(out.text))
            recordError(number, "record has no text (column '" + m_options.textField + "' is empty)");
        for (const auto& [column, fact] : m_factColumns)
            setFact(out.facts, fact, m_fields[column]);
        normalizeLineEnds(out.text);
        return true;
    }

    CsvFieldReader m_csv;
    PoolFileFormat m_format;
    PoolReaderOptions m_options;
    simdjson::dom::parser m_parser;
    ParsedRecord m_storage; // holds integer ids' text for optionalId
    bool m_headerRead = false;
    std::optional<Error> m_fileError;
    std::size_t m_columns = 0;
    int m_idColumn = -1;
    int m_textColumn = -1;
    std::vector<std::pair<std::size_t, std::string JobFacts::*>> m_factColumns;
    std::vector<std::string> m_fields;
};

namespace {

PoolFileFormat formatOf(const std::string& path)
{
    const auto format = poolFileFormatForPath(path);
    if (!format)
        throw usageError(path + ": a pool of records is a .jsonl or .csv file");
    return *format;
}

} // namespace

PoolRecordReader::PoolRecordReader(const std::string& path, PoolReaderOptions options)
    : PoolRecordReader(path, formatOf(path), std::move(options))
{
}

PoolRecordReader::PoolRecordReader(const std::string& path, PoolFileFormat format, PoolReaderOptions options)
    : m_impl(std::make_unique<Impl>(path, format, std::move(options)))
{
}

PoolRecordReader::~PoolRecordReader() = default;

bool PoolRecordReader::next(PoolRecord& out) { return m_impl->next(out); }
std::uint64_t PoolRecordReader::bytesRead() const { return m_impl->m_lines.bytesRead(); }
std::uint64_t PoolRecordReader::fileSize() const { return m_impl->m_lines.fileSize(); }
const std::string& PoolRecordReader::path() const { return m_impl->m_lines.path(); }

} // namespace rankpo
