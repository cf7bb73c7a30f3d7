#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rankpo::demo {

// Named values for the "{slot}" placeholders of a template.
using Slots = std::vector<std::pair<std::string_view, std::string>>;

// Replaces every "{name}" with its slot value. An unknown slot is a bug in a template: std::logic_error.
std::string fillTemplate(std::string_view text, const Slots& slots);

// "graph attention networks for molecular property prediction" ->
// "Graph Attention Networks for Molecular Property Prediction". Words with capitals or digits
// (fMRI, 3GPP, CO2) are kept as they are; short function words stay lower case.
std::string titleCase(std::string_view text);

std::string capitalised(std::string text);           // first letter upper case
std::string withoutLeadingThe(std::string_view text);  // "the bullwhip effect" -> "bullwhip effect"
std::string withArticle(std::string_view noun);        // "a Lecturer", "an Associate Professor"
std::string joined(const std::vector<std::string>& items, std::string_view separator);
std::string formatDate(int day, int month, int year);  // DD/MM/YYYY

} // namespace rankpo::demo
