#include "core/demo/demo_vocabulary.h"

#include <stdexcept>

namespace rankpo::demo {

DemoVocabulary::DemoVocabulary()
{
    for (int a = 0; a < areaCount(); ++a) {
        const AreaSpec& spec = areaSpec(a);
        AreaWords area;
        area.name = spec.name;
        area.degree = spec.degree;
        area.titleNames = splitList(spec.titleNames);
        area.departments = splitList(spec.departments);
        area.keywords = splitList(spec.keywords);
        area.style = spec.style;
        area.firstSubtopic = static_cast<int>(m_subtopics.size());
        m_areas.push_back(std::move(area));
        for (const SubtopicSpec& s : spec.subtopics) {
            SubtopicWords words;
            words.area = a;
            words.name = s.name;
            words.keywords = splitList(s.keywords);
            words.methods = splitList(s.methods);
            words.topics = splitList(s.topics);
            words.problems = splitList(s.problems);
            words.settings = splitList(s.settings);
            words.findings = splitList(s.findings);
            m_subtopics.push_back(std::move(words));
        }
    }
    for (int r = 0; r < regionCount(); ++r) {
        const RegionSpec& spec = regionSpec(r);
        RegionWords region;
        region.country = spec.country;
        region.countryInProse = spec.countryInProse;
        region.adjective = spec.adjective;
        region.institutions = splitList(spec.institutions);
        region.cities = splitList(spec.cities);
        region.emailDomains = splitList(spec.emailDomains);
        region.funders = splitList(spec.funders);
        region.levelTitles = splitList(spec.levelTitles);
        region.salaries = splitList(spec.salaries);
        region.closings = splitList(spec.closings);
        region.tenureTrack = spec.tenureTrack;
        // The tables are parallel lists; a mismatch is a bug in the compiled data, caught by every test run.
        if (region.cities.size() != region.institutions.size() || region.emailDomains.size() != region.institutions.size()
            || region.levelTitles.size() != 4 || region.salaries.size() != 4)
            throw std::logic_error("demo catalogue: inconsistent tables for region " + region.country);
        m_regions.push_back(std::move(region));
    }
    m_givenNames = splitList(contactGivenNames());
    m_familyNames = splitList(contactFamilyNames());
}

} // namespace rankpo::demo
