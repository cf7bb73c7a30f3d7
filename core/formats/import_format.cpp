#include "core/formats/import_format.h"

#include <array>
#include <cctype>

namespace rankpo {
namespace {

struct FormatInfo {
    DataFormat format;
    std::string_view name;
};

constexpr std::array<FormatInfo, 6> kFormats = {{
    {DataFormat::RankPOPairs, "rankpo-pairs"},
    {DataFormat::RankPOContrastive, "rankpo-contrastive"},
    {DataFormat::RankPOEval, "rankpo-eval"},
    {DataFormat::TrlDpo, "trl-dpo"},
    {DataFormat::TrecQrels, "trec-qrels"},
    {DataFormat::Csv, "csv"},
}};

bool endsWith(std::string_view s, std::string_view suffix)
{
    if (s.size() < suffix.size())
        return false;
    for (std::size_t i = 0; i < suffix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i])
            return false;
    return true;
}

bool hasKey(std::string_view line, std::string_view key)
{
    // A cheap look for "key" followed by a colon; exact validation happens in the parser.
    std::string quoted = "\"" + std::string(key) + "\"";
    std::size_t pos = 0;
    while ((pos = line.find(quoted, pos)) != std::string_view::npos) {
        std::size_t i = pos + quoted.size();
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])))
            ++i;
        if (i < line.size() && line[i] == ':')
            return true;
        pos += quoted.size();
    }
    return false;
}

std::vector<std::string_view> splitWhitespace(std::string_view line)
{
    std::vector<std::string_view> parts;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])))
            ++i;
        std::size_t j = i;
        while (j < line.size() && !std::isspace(static_cast<unsigned char>(line[j])))
            ++j;
        if (j > i)
            parts.push_back(line.substr(i, j - i));
        i = j;
    }
    return parts;
}

bool isInteger(std::string_view s)
{
    if (s.empty())
        return false;
    std::size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (i == s.size())
        return false;
    for (; i < s.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i])))
            return false;
    return true;
}

} // namespace

std::string_view formatName(DataFormat format)
{
    for (const auto& f : kFormats)
        if (f.format == format)
            return f.name;
    return "unknown";
}

std::optional<DataFormat> formatFromName(std::string_view name)
{
    for (const auto& f : kFormats)
        if (f.name == name)
            return f.format;
    return std::nullopt;
}

const std::vector<DataFormat>& allFormats()
{
    static const std::vector<DataFormat> all = [] {
        std::vector<DataFormat> v;
        for (const auto& f : kFormats)
            v.push_back(f.format);
        return v;
    }();
    return all;
}

std::string formatNameList()
{
    std::string s;
    for (const auto& f : kFormats) {
        if (!s.empty())
            s += ", ";
        s += f.name;
    }
    return s;
}

std::optional<DataFormat> detectFormat(std::string_view firstLine, std::string_view fileName, std::string* why)
{
    std::size_t i = 0;
    while (i < firstLine.size() && std::isspace(static_cast<unsigned char>(firstLine[i])))
        ++i;
    const std::string_view line = firstLine.substr(i);
    if (!line.empty() && line.front() == '{') {
        if (hasKey(line, "passage1") || hasKey(line, "passage2"))
            return DataFormat::RankPOPairs;
        if (hasKey(line, "prompt") && hasKey(line, "chosen"))
            return DataFormat::TrlDpo;
        if (hasKey(line, "positives") && line.find("\"index\"") != std::string_view::npos)
            return DataFormat::RankPOEval;
        if (hasKey(line, "positives") || hasKey(line, "negatives"))
            return DataFormat::RankPOContrastive;
        if (why)
            *why = "a JSON object without the fields of any known format (passage1/passage2, prompt/chosen, "
                   "positives/negatives)";
        return std::nullopt;
    }
    const auto parts = splitWhitespace(line);
    if (parts.size() == 4 && isInteger(parts[3]) && line.find(',') == std::string_view::npos)
        return DataFormat::TrecQrels;
    if (endsWith(fileName, ".csv") || line.find(',') != std::string_view::npos) {
        if (line.find("job") != std::string_view::npos && line.find("candidate_a") != std::string_view::npos)
            return DataFormat::Csv;
    }
    if (endsWith(fileName, ".qrels"))
        return DataFormat::TrecQrels;
    if (why)
        *why = line.empty() ? "an empty file" : "neither a JSON object, a CSV header nor a TREC qrels line";
    return std::nullopt;
}

} // namespace rankpo
