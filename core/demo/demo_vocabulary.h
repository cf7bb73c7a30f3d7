#pragma once

#include "core/demo/demo_catalogue.h"

#include <string>
#include <vector>

namespace rankpo::demo {

// The catalogue's tables with every '|'-list split, built once per generation run and then read only.
struct SubtopicWords {
    int area = 0;
    std::string name;
    std::vector<std::string> keywords, methods, topics, problems, settings, findings;
};

struct AreaWords {
    std::string name, degree;
    std::vector<std::string> titleNames, departments, keywords;
    TextStyle style = TextStyle::Technical;
    int firstSubtopic = 0; // global index of its first sub-topic; the area owns kSubtopicsPerArea of them
};

struct RegionWords {
    std::string country, countryInProse, adjective;
    std::vector<std::string> institutions, cities, emailDomains, funders, levelTitles, salaries, closings;
    bool tenureTrack = false;
};

class DemoVocabulary {
public:
    DemoVocabulary();

    const std::vector<AreaWords>& areas() const { return m_areas; }
    const std::vector<SubtopicWords>& subtopics() const { return m_subtopics; }
    const std::vector<RegionWords>& regions() const { return m_regions; }
    const std::vector<std::string>& givenNames() const { return m_givenNames; }
    const std::vector<std::string>& familyNames() const { return m_familyNames; }

    const AreaWords& area(int index) const { return m_areas.at(static_cast<std::size_t>(index)); }
    const SubtopicWords& subtopic(int index) const { return m_subtopics.at(static_cast<std::size_t>(index)); }
    const RegionWords& region(int index) const { return m_regions.at(static_cast<std::size_t>(index)); }

private:
    std::vector<AreaWords> m_areas;
    std::vector<SubtopicWords> m_subtopics;
    std::vector<RegionWords> m_regions;
    std::vector<std::string> m_givenNames, m_familyNames;
};

} // namespace rankpo::demo
