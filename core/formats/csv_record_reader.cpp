#include "core/formats/csv_record_reader.h"

#include "core/util/trim.h"
#include "core/formats/line_reader.h"
#include "core/util/error.h"
#include "core/text/utf8_codec.h"

#include <algorithm>
#include <cctype>

namespace rankpo {
namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}


} // namespace

CsvRecordReader::CsvRecordReader(LineReader& lines, bool allowUnjudged)
    : m_lines(lines), m_csv(lines), m_allowUnjudged(allowUnjudged)
{
}

bool CsvRecordReader::readFields(std::vector<std::string>& fields)
{
    return m_csv.next(fields);
}

void CsvRecordReader::readHeader()
{
    m_headerRead = true;
    std::vector<std::string> header;
    try {
        if (!readFields(header))
            throw dataError(m_lines.path() + ": empty CSV file (expected a header line)");
    } catch (const RecordError& e) {
        throw dataError(m_lines.path() + ":" + std::to_string(m_csv.recordLine()) + ": header: " + e.reason);
    }
    m_columns = header.size();
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string name = lower(std::string(trim(header[i])));
        const int idx = static_cast<int>(i);
        if (name == "job" || name == "query" || name == "prompt")
            m_job = idx;
        else if (name == "candidate_a" || name == "passage1")
            m_a = idx;
        else if (name == "candidate_b" || name == "passage2")
            m_b = idx;
        else if (name == "preferred")
            m_preferred = idx;
        else if (name == "confidence" || name == "confidence_score")
            m_confidence = idx;
        else if (name == "rationale" || name == "comparison")
            m_rationale = idx;
        else if (name == "annotator" || name == "model")
            m_annotator = idx;
        else if (name == "source")
            m_source = idx;
        else if (name == "created" || name == "created_at")
            m_created = idx;
        else if (name == "job_id" || name == "query_id")
            m_jobId = idx;
        else if (name == "candidate_a_id" || name == "passage_id1")
            m_aId = idx;
        else if (name == "candidate_b_id" || name == "passage_id2")
            m_bId = idx;
    }
    std::string missing;
    if (m_job < 0)
        missing += " job";
    if (m_a < 0)
        missing += " candidate_a";
    if (m_b < 0)
        missing += " candidate_b";
    if (m_preferred < 0 && !m_allowUnjudged)
        missing += " preferred";
    if (!missing.empty())
        throw dataError(m_lines.path() + ":" + std::to_string(m_csv.recordLine()) + ": CSV header lacks required column(s):"
                        + missing);
}

bool CsvRecordReader::next(ParsedRecord& out)
{
    if (!m_headerRead)
        readHeader();
    if (!readFields(m_fields))
        return false;
    if (m_fields.size() != m_columns)
        throw RecordError{"expected " + std::to_string(m_columns) + " columns as in the header, got "
                          + std::to_string(m_fields.size())};
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        const std::size_t bad = findInvalidUtf8(m_fields[i]);
        if (bad != std::string::npos)
            throw RecordError{"invalid UTF-8 in column " + std::to_string(i + 1)};
    }
    auto field = [&](int idx) -> const std::string& {
        static const std::string empty;
        return idx >= 0 ? m_fields[static_cast<std::size_t>(idx)] : empty;
    };
    auto required = [&](int idx, const char* name) -> std::string_view {
        const std::string& f = field(idx);
        if (trim(f).empty())
            throw RecordError{std::string("column '") + name + "' is empty"};
        return out.keep(f);
    };

    PreferenceRecord p;
    p.job.text = required(m_job, "job");
    p.first.text = required(m_a, "candidate_a");
    p.second.text = required(m_b, "candidate_b");
    if (p.first.text == p.second.text)
        throw RecordError{"candidate_a and candidate_b are the same text: a pair needs two candidates"};
    const std::string preferred = lower(std::string(trim(field(m_preferred))));
    if (preferred.empty() && m_allowUnjudged) {
        // A pair waiting for judgement: its texts and ids only.
        p.judged = false;
        p.job.externalId = m_jobId >= 0 && !field(m_jobId).empty() ? out.keep(field(m_jobId)) : std::string_view();
        p.first.externalId = m_aId >= 0 && !field(m_aId).empty() ? out.keep(field(m_aId)) : std::string_view();
        p.second.externalId = m_bId >= 0 && !field(m_bId).empty() ? out.keep(field(m_bId)) : std::string_view();
        out.preferences.push_back(p);
        return true;
    }
    if (preferred.empty())
        throw RecordError{"column 'preferred' is empty (--allow-unjudged imports such rows as pairs waiting for "
                          "judgement)"};
    if (preferred == "a")
        p.choice = Choice::First;
    else if (preferred == "b")
        p.choice = Choice::Second;
    else if (preferred == "tie")
        p.choice = Choice::Tie;
    else
        throw RecordError{"column 'preferred': expected A, B or tie, got \"" + field(m_preferred) + "\""};
    if (!field(m_confidence).empty()) {
        const std::string& c = field(m_confidence);
        char* end = nullptr;
        const double v = std::strtod(c.c_str(), &end);
        if (end != c.c_str() + c.size() || v != static_cast<double>(static_cast<int>(v)) || v < 0 || v > 100)
            throw RecordError{"column 'confidence': expected an integer 0-100, got \"" + c + "\""};
        p.confidence = static_cast<int>(v);
    }
    if (!field(m_rationale).empty())
        p.rationale = out.keep(field(m_rationale));
    if (!field(m_annotator).empty())
        p.annotator = out.keep(field(m_annotator));
    if (!field(m_source).empty()) {
        const auto s = preferenceSourceFromString(lower(field(m_source)));
        if (!s)
            throw RecordError{"column 'source': expected ai or human, got \"" + field(m_source) + "\""};
        p.source = s;
    }
    if (!field(m_created).empty()) {
        const std::string& c = field(m_created);
        char* end = nullptr;
        const long long v = std::strtoll(c.c_str(), &end, 10);
        if (end != c.c_str() + c.size() || v < 0)
            throw RecordError{"column 'created': expected Unix seconds, got \"" + c + "\""};
        p.createdAt = v;
    }
    if (!field(m_jobId).empty())
        p.job.externalId = out.keep(field(m_jobId));
    if (!field(m_aId).empty())
        p.first.externalId = out.keep(field(m_aId));
    if (!field(m_bId).empty())
        p.second.externalId = out.keep(field(m_bId));
    out.preferences.push_back(p);
    return true;
}

std::string csvField(std::string_view text)
{
    if (text.find_first_of(",\"\r\n") == std::string_view::npos && (text.empty() || (!std::isspace(static_cast<unsigned char>(text.front())) && !std::isspace(static_cast<unsigned char>(text.back())))))
        return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"')
            out += "\"\"";
        else
            out.push_back(c);
    }
    out += '"';
    return out;
}

} // namespace rankpo
