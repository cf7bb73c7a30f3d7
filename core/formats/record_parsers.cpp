// The line-based record parsers, one class per format.
#include "core/formats/json_record.h"
#include "core/formats/record_parser.h"
#include "core/formats/judge_response.h"
#include "core/text/utf8_codec.h"

#include <cctype>
#include <cmath>
#include <string>

namespace rankpo {
namespace {

using namespace json_record;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

std::optional<PreferenceSource> parseSource(object obj)
{
    const auto source = optionalString(obj, "source");
    if (!source)
        return std::nullopt;
    const auto parsed = preferenceSourceFromString(*source);
    if (!parsed)
        throw RecordError{"field 'source': expected \"ai\" or \"human\", got \"" + std::string(*source) + "\""};
    return parsed;
}

// The paper's annotated pairs (see README: every field of the sample is used where it means something).
// An optional finite number (a JSON number); nullopt when absent or null.
std::optional<double> optionalNumber(object obj, std::string_view field)
{
    element value;
    if (obj.at_key(field).get(value) || value.type() == element_type::NULL_VALUE)
        return std::nullopt;
    double d = 0;
    if (value.get_double().get(d) || !std::isfinite(d))
        throw RecordError{"field '" + std::string(field) + "': expected a number, got "
                          + std::string(typeName(value.type()))};
    return d;
}

// A JSON value kept as its compact text (the judge's token usage object).
std::optional<std::string_view> optionalRawJson(object obj, std::string_view field, ParsedRecord& out)
{
    element value;
    if (obj.at_key(field).get(value) || value.type() == element_type::NULL_VALUE)
        return std::nullopt;
    return out.keep(simdjson::minify(value));
}

class RankPOPairsParser final : public RecordParser {
public:
    explicit RankPOPairsParser(bool allowUnjudged) : m_allowUnjudged(allowUnjudged) {}

    void parse(std::string_view line, ParsedRecord& out) override
    {
        const object obj = parseObject(m_parser, line);
        PreferenceRecord p;
        p.job.text = requiredString(obj, "query");
        p.first.text = requiredString(obj, "passage1");
        p.second.text = requiredString(obj, "passage2");
        if (p.first.text == p.second.text)
            throw RecordError{"passage1 and passage2 are the same text: a pair needs two candidates"};
        p.job.externalId = optionalId(obj, "query_id", out).value_or(std::string_view());
        p.first.externalId = optionalId(obj, "passage_id1", out).value_or(std::string_view());
        p.second.externalId = optionalId(obj, "passage_id2", out).value_or(std::string_view());

        const auto response = optionalString(obj, "response");
        const JudgeResponse judged = response ? parseJudgeResponse(*response) : JudgeResponse{};

        // `preferred` decides; the judge's free-text answer is the fallback when it is missing.
        std::optional<std::string_view> preferred = optionalString(obj, "preferred");
        if (!preferred && judged.preferred)
            preferred = *judged.preferred;
        if (auto rank = optionalInteger(obj, "passage_rank1", 1, 1 << 30))
            p.firstRank = static_cast<int>(*rank);
        if (auto rank = optionalInteger(obj, "passage_rank2", 1, 1 << 30))
            p.secondRank = static_cast<int>(*rank);
        p.firstScore = optionalNumber(obj, "passage_score1");
        p.secondScore = optionalNumber(obj, "passage_score2");
        p.madeBy = optionalString(obj, "made_by").value_or(std::string_view());
        p.strategy = optionalString(obj, "strategy").value_or(std::string_view());
        if (!preferred) {
            if (!m_allowUnjudged)
                throw RecordError{"missing field 'preferred' (--allow-unjudged imports rows without it as pairs "
                                  "waiting for judgement)"};
            p.judged = false;
            out.preferences.push_back(p);
            return;
        }
        if (response)
            p.response = *response;
        if (auto usage = optionalRawJson(obj, "usage", out))
            p.usage = *usage;
        if (*preferred == "A" || *preferred == "a")
            p.choice = Choice::First;
        else if (*preferred == "B" || *preferred == "b")
            p.choice = Choice::Second;
        else
            throw RecordError{"field 'preferred': expected \"A\" or \"B\", got \"" + std::string(*preferred) + "\""};

        if (auto c = optionalInteger(obj, "confidence_score", 0, 100))
            p.confidence = static_cast<int>(*c);
        else if (judged.confidence)
            p.confidence = *judged.confidence;

        if (auto comparison = optionalString(obj, "comparison"))
            p.rationale = *comparison;
        else if (!judged.comparison.empty())
            p.rationale = judged.comparison;

        if (auto model = optionalString(obj, "model"))
            p.annotator = *model;
        if (auto annotator = optionalString(obj, "annotator"))
            p.annotator = *annotator;
        p.source = parseSource(obj);
        if (auto created = optionalInteger(obj, "created", 0, std::int64_t(1) << 40))
            p.createdAt = *created;
        out.preferences.push_back(p);
    }

private:
    simdjson::dom::parser m_parser;
    bool m_allowUnjudged = false;
};

// A candidate inside a JSON list: a string, or an object with "text" (and optionally "id").
TextRef candidateRef(element value, std::string_view field, std::size_t index, ParsedRecord& out)
{
    const std::string where = "field '" + std::string(field) + "'[" + std::to_string(index) + "]";
    if (value.type() == element_type::STRING) {
        const std::string_view text = value.get_string().value_unsafe();
        if (isBlank(text))
            throw RecordError{where + " is empty"};
        TextRef ref;
        ref.text = text;
        return ref;
    }
    if (value.type() == element_type::OBJECT) {
        const object o = value.get_object().value_unsafe();
        TextRef ref;
        try {
            ref.text = requiredString(o, "text");
            ref.externalId = optionalId(o, "id", out).value_or(std::string_view());
        } catch (const RecordError& e) {
            throw RecordError{where + ": " + e.reason};
        }
        return ref;
    }
    throw RecordError{where + ": expected a string, got " + std::string(typeName(value.type()))};
}

std::size_t appendLabels(object obj, std::string_view field, int relevance, const TextRef& job, ParsedRecord& out)
{
    element list;
    if (obj.at_key(field).get(list) || list.type() == element_type::NULL_VALUE)
        return 0;
    if (list.type() != element_type::ARRAY)
        throw RecordError{"field '" + std::string(field) + "': expected an array, got "
                          + std::string(typeName(list.type()))};
    std::size_t i = 0;
    // Keep the array in a named variable: a range-for over value_unsafe() of a temporary dangles.
    const simdjson::dom::array items = list.get_array().value_unsafe();
    for (element value : items)
        out.labels.push_back({job, candidateRef(value, field, i++, out), relevance});
    return i;
}

// Stage-1 training rows: {query, positives[], negatives[]} become rule labels.
class ContrastiveParser final : public RecordParser {
public:
    void parse(std::string_view line, ParsedRecord& out) override
    {
        const object obj = parseObject(m_parser, line);
        TextRef job;
        job.text = requiredString(obj, "query");
        job.externalId = optionalId(obj, "query_id", out).value_or(std::string_view());
        element probe;
        if (obj.at_key("positives").get(probe) && obj.at_key("negatives").get(probe))
            throw RecordError{"missing field 'positives' (and 'negatives')"};
        const std::size_t positives = appendLabels(obj, "positives", 1, job, out);
        const std::size_t negatives = appendLabels(obj, "negatives", 0, job, out);
        if (positives + negatives == 0)
            throw RecordError{"fields 'positives' and 'negatives' are both empty"};
        for (std::size_t i = 0; i < positives; ++i)
            for (std::size_t j = positives; j < positives + negatives; ++j)
                if (out.labels[i].candidate.text == out.labels[j].candidate.text)
                    throw RecordError{"the same candidate is listed in both 'positives' and 'negatives'"};
    }

private:
    simdjson::dom::parser m_parser;
};

// The paper's evaluation queries: {"query": {"text": ...}, "positives": {"index": [corpus line numbers]}}.
class EvalQueryParser final : public RecordParser {
public:
    void parse(std::string_view line, ParsedRecord& out) override
    {
        const object obj = parseObject(m_parser, line);
        element query;
        if (obj.at_key("query").get(query))
            throw RecordError{"missing field 'query'"};
        EvalQueryRecord record;
        if (query.type() == element_type::STRING) {
            record.job.text = query.get_string().value_unsafe();
            if (isBlank(record.job.text))
                throw RecordError{"field 'query' is empty"};
        } else if (query.type() == element_type::OBJECT) {
            const object q = query.get_object().value_unsafe();
            try {
                record.job.text = requiredString(q, "text");
                record.job.externalId = optionalId(q, "id", out).value_or(std::string_view());
            } catch (const RecordError& e) {
                throw RecordError{"field 'query': " + e.reason};
            }
        } else {
            throw RecordError{"field 'query': expected an object with \"text\", got " + std::string(typeName(query.type()))};
        }
        element positives;
        if (obj.at_key("positives").get(positives))
            throw RecordError{"missing field 'positives'"};
        element indices;
        if (positives.type() == element_type::OBJECT) {
            if (positives.get_object().value_unsafe().at_key("index").get(indices))
                throw RecordError{"field 'positives': missing 'index'"};
        } else {
            indices = positives; // a bare list of indices is accepted too
        }
        if (indices.type() != element_type::ARRAY)
            throw RecordError{"field 'positives.index': expected an array of corpus line numbers, got "
                              + std::string(typeName(indices.type()))};
        std::size_t i = 0;
        const simdjson::dom::array items = indices.get_array().value_unsafe();
        for (element v : items) {
            std::int64_t n = -1;
            if (v.type() == element_type::INT64)
                n = v.get_int64().value_unsafe();
            else if (v.type() == element_type::UINT64 || v.type() == element_type::DOUBLE) {
                const double d = v.get_double().value_unsafe();
                n = d == static_cast<double>(static_cast<std::int64_t>(d)) ? static_cast<std::int64_t>(d) : -1;
            }
            if (n < 0)
                throw RecordError{"field 'positives.index'[" + std::to_string(i)
                                  + "]: expected a corpus line number (an integer >= 0)"};
            record.positiveCorpusIndices.push_back(n);
            ++i;
        }
        out.evalQueries.push_back(std::move(record));
    }

private:
    simdjson::dom::parser m_parser;
};

class CorpusLineParser final : public RecordParser {
public:
    void parse(std::string_view line, ParsedRecord& out) override
    {
        const object obj = parseObject(m_parser, line);
        TextRef ref;
        element probe;
        ref.text = requiredString(obj, obj.at_key("text").get(probe) ? "contents" : "text");
        auto id = optionalId(obj, "id", out);
        if (!id)
            id = optionalId(obj, "docid", out);
        ref.externalId = id.value_or(std::string_view());
        out.candidates.push_back(ref);
    }

private:
    simdjson::dom::parser m_parser;
};

// TRL's preference format: {prompt, chosen, rejected}. The chosen text is shown first.
class TrlDpoParser final : public RecordParser {
public:
    void parse(std::string_view line, ParsedRecord& out) override
    {
        const object obj = parseObject(m_parser, line);
        PreferenceRecord p;
        p.job.text = requiredString(obj, "prompt");
        p.first.text = requiredString(obj, "chosen");
        p.second.text = requiredString(obj, "rejected");
        if (p.first.text == p.second.text)
            throw RecordError{"'chosen' and 'rejected' are the same text"};
        p.choice = Choice::First;
        // Our own extra columns (written by `rankpo export --format trl-dpo`) round-trip.
        p.job.externalId = optionalId(obj, "prompt_id", out).value_or(std::string_view());
        p.first.externalId = optionalId(obj, "chosen_id", out).value_or(std::string_view());
        p.second.externalId = optionalId(obj, "rejected_id", out).value_or(std::string_view());
        if (auto c = optionalInteger(obj, "confidence", 0, 100))
            p.confidence = static_cast<int>(*c);
        if (auto r = optionalString(obj, "rationale"))
            p.rationale = *r;
        if (auto a = optionalString(obj, "annotator"))
            p.annotator = *a;
        p.source = parseSource(obj);
        out.preferences.push_back(p);
    }

private:
    simdjson::dom::parser m_parser;
};

// qid 0 docid rel: relevance for jobs and candidates already in the project, named by id.
class TrecQrelsParser final : public RecordParser {
public:
    void parse(std::string_view line, ParsedRecord& out) override
    {
        const std::size_t bad = findInvalidUtf8(line);
        if (bad != std::string_view::npos)
            throw RecordError{"invalid UTF-8 at byte " + std::to_string(bad + 1)};
        std::string_view parts[5];
        int n = 0;
        std::size_t i = 0;
        while (i < line.size() && n < 5) {
            while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])))
                ++i;
            std::size_t j = i;
            while (j < line.size() && !std::isspace(static_cast<unsigned char>(line[j])))
                ++j;
            if (j > i)
                parts[n++] = line.substr(i, j - i);
            i = j;
        }
        if (n != 4)
            throw RecordError{"expected 4 columns 'qid 0 docid relevance', got " + std::string(n >= 5 ? "more" : std::to_string(n))};
        const std::string_view rel = parts[3];
        std::size_t k = (rel[0] == '-' || rel[0] == '+') ? 1 : 0;
        bool numeric = k < rel.size() && rel.size() < 10;
        for (std::size_t m = k; m < rel.size(); ++m)
            numeric = numeric && std::isdigit(static_cast<unsigned char>(rel[m]));
        if (!numeric)
            throw RecordError{"relevance '" + std::string(rel) + "' is not an integer"};
        int relevance = std::stoi(std::string(rel));
        // trec_eval treats negative judgements as non-relevant.
        if (relevance < 0)
            relevance = 0;
        LabelRecord label;
        label.job.externalId = parts[0];
        label.candidate.externalId = parts[2];
        label.relevance = relevance;
        out.labels.push_back(label);
    }
};

} // namespace

std::unique_ptr<RecordParser> makeRecordParser(DataFormat format, const RecordParserOptions& options)
{
    switch (format) {
    case DataFormat::RankPOPairs: return std::make_unique<RankPOPairsParser>(options.allowUnjudged);
    case DataFormat::RankPOContrastive: return std::make_unique<ContrastiveParser>();
    case DataFormat::RankPOEval: return std::make_unique<EvalQueryParser>();
    case DataFormat::TrlDpo: return std::make_unique<TrlDpoParser>();
    case DataFormat::TrecQrels: return std::make_unique<TrecQrelsParser>();
    case DataFormat::Csv: return nullptr; // CSV records may span lines: see CsvRecordReader
    }
    return nullptr;
}

std::unique_ptr<RecordParser> makeCorpusLineParser()
{
    return std::make_unique<CorpusLineParser>();
}

} // namespace rankpo
