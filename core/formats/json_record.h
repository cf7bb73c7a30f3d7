#pragma once

// Internal to core/formats: typed access to the fields of one JSON record with messages that name
// the field. Wraps simdjson's DOM API so that every record is fully validated (On Demand would skip
// unread fields unchecked).

#include "core/formats/import_records.h"

#include <simdjson.h>

#include <optional>
#include <string_view>

namespace rankpo::json_record {

// Parses `line` (padded) as one JSON object; throws RecordError if it is not one.
simdjson::dom::object parseObject(simdjson::dom::parser& parser, std::string_view line);

// A required, non-empty string field.
std::string_view requiredString(simdjson::dom::object obj, std::string_view field);
// An optional string field: nullopt when absent or null; RecordError when of another type.
std::optional<std::string_view> optionalString(simdjson::dom::object obj, std::string_view field);
// An optional id: a string or an integer (written back as its decimal text, kept in `storage`).
std::optional<std::string_view> optionalId(simdjson::dom::object obj, std::string_view field, ParsedRecord& storage);
// An optional integer (an integral JSON number, or a string of digits); range-checked.
std::optional<std::int64_t> optionalInteger(simdjson::dom::object obj, std::string_view field, std::int64_t min,
                                            std::int64_t max);

std::string_view typeName(simdjson::dom::element_type type);
bool isBlank(std::string_view text);

} // namespace rankpo::json_record
