#include "core/formats/json_record.h"

#include "core/formats/line_reader.h"

#include <cctype>
#include <string>

namespace rankpo::json_record {

using simdjson::dom::element_type;

std::string_view typeName(element_type type)
{
    switch (type) {
    case element_type::ARRAY: return "an array";
    case element_type::OBJECT: return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return "a number";
    case element_type::STRING: return "a string";
    case element_type::BOOL: return "a boolean";
    case element_type::NULL_VALUE: return "null";
    }
    return "a value";
}

bool isBlank(std::string_view text)
{
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c)))
            return false;
    return true;
}

simdjson::dom::object parseObject(simdjson::dom::parser& parser, std::string_view line)
{
    simdjson::dom::element doc;
    // The line is followed by LineReader::kPadding >= simdjson::SIMDJSON_PADDING readable bytes.
    static_assert(LineReader::kPadding >= simdjson::SIMDJSON_PADDING, "LineReader padding too small for simdjson");
    const auto error = parser.parse(reinterpret_cast<const std::uint8_t*>(line.data()), line.size(), false).get(doc);
    if (error == simdjson::UTF8_ERROR)
        throw RecordError{"invalid UTF-8"};
    if (error)
        throw RecordError{std::string("malformed JSON (") + simdjson::error_message(error) + ")"};
    if (doc.type() != element_type::OBJECT)
        throw RecordError{std::string("expected a JSON object, got ") + std::string(typeName(doc.type()))};
    return doc.get_object().value_unsafe();
}

std::string_view requiredString(simdjson::dom::object obj, std::string_view field)
{
    simdjson::dom::element value;
    if (obj.at_key(field).get(value))
        throw RecordError{"missing field '" + std::string(field) + "'"};
    if (value.type() != element_type::STRING)
        throw RecordError{"field '" + std::string(field) + "': expected a string, got "
                          + std::string(typeName(value.type()))};
    const std::string_view text = value.get_string().value_unsafe();
    if (isBlank(text))
        throw RecordError{"field '" + std::string(field) + "' is empty"};
    return text;
}

std::optional<std::string_view> optionalString(simdjson::dom::object obj, std::string_view field)
{
    simdjson::dom::element value;
    if (obj.at_key(field).get(value) || value.type() == element_type::NULL_VALUE)
        return std::nullopt;
    if (value.type() != element_type::STRING)
        throw RecordError{"field '" + std::string(field) + "': expected a string, got "
                          + std::string(typeName(value.type()))};
    return value.get_string().value_unsafe();
}

std::optional<std::string_view> optionalId(simdjson::dom::object obj, std::string_view field, ParsedRecord& storage)
{
    simdjson::dom::element value;
    if (obj.at_key(field).get(value) || value.type() == element_type::NULL_VALUE)
        return std::nullopt;
    switch (value.type()) {
    case element_type::STRING: {
        const std::string_view s = value.get_string().value_unsafe();
        if (s.empty())
            return std::nullopt;
        return s;
    }
    case element_type::INT64: return storage.keep(std::to_string(value.get_int64().value_unsafe()));
    case element_type::UINT64: return storage.keep(std::to_string(value.get_uint64().value_unsafe()));
    default:
        throw RecordError{"field '" + std::string(field) + "': expected a string or integer id, got "
                          + std::string(typeName(value.type()))};
    }
}

std::optional<std::int64_t> optionalInteger(simdjson::dom::object obj, std::string_view field, std::int64_t min,
                                            std::int64_t max)
{
    simdjson::dom::element value;
    if (obj.at_key(field).get(value) || value.type() == element_type::NULL_VALUE)
        return std::nullopt;
    std::int64_t n = 0;
    bool ok = true;
    switch (value.type()) {
    case element_type::INT64: n = value.get_int64().value_unsafe(); break;
    case element_type::UINT64: ok = false; break;
    case element_type::DOUBLE: {
        const double d = value.get_double().value_unsafe();
        ok = d == static_cast<double>(static_cast<std::int64_t>(d));
        n = static_cast<std::int64_t>(d);
        break;
    }
    case element_type::STRING: {
        const std::string_view s = value.get_string().value_unsafe();
        ok = !s.empty() && s.size() < 19;
        for (char c : s)
            ok = ok && std::isdigit(static_cast<unsigned char>(c));
        if (ok)
            n = std::stoll(std::string(s));
        break;
    }
    default: ok = false;
    }
    if (!ok)
        throw RecordError{"field '" + std::string(field) + "': expected an integer, got "
                          + std::string(typeName(value.type()))};
    if (n < min || n > max)
        throw RecordError{"field '" + std::string(field) + "': " + std::to_string(n) + " is outside "
                          + std::to_string(min) + ".." + std::to_string(max)};
    return n;
}

} // namespace rankpo::json_record
