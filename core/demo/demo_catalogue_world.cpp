// Regions, institutions and the catalogue accessors. Institutions are fictional; cities, currencies,
// pay scales and funders are real so that the ads read like the real ones.
#include "core/demo/demo_catalogue.h"
#include "core/demo/demo_catalogue_tables.h"

#include "core/util/error.h"

#include <string>

namespace rankpo::demo {
namespace {

constexpr RegionSpec kRegions[] = {
    {"United Kingdom", "the United Kingdom", "British",
     "University of Northbridge|Kingsmoor University|Severn Valley University|Thamesgate University|Lomond University",
     "Leeds|Manchester|Bristol|London|Glasgow",
     "northbridge.ac.uk|kingsmoor.ac.uk|severnvalley.ac.uk|thamesgate.ac.uk|lomond.ac.uk",
     "UK Research and Innovation (UKRI)|the Leverhulme Trust|the Wellcome Trust|the Royal Society",
     "Research Associate|Lecturer|Senior Lecturer|Professor",
     "Salary £36,024 - £42,632 per annum (Grade 7)|Salary £45,163 - £53,353 per annum (Grade 8)"
     "|Salary £56,021 - £63,290 per annum (Grade 9)|Salary Competitive professorial salary",
     "{inst} is committed to equality, diversity and inclusion and holds an Athena SWAN Silver award. Informal "
     "enquiries may be made to {contact}.|We particularly welcome applications from women and from Black, Asian and "
     "minority ethnic candidates, who are under-represented at this level. Informal enquiries may be made to "
     "{contact}.|Please note that all vacancies close at midnight on the advertised closing date. For further "
     "information please contact {contact}.",
     false},
    {"Germany", "Germany", "German",
     "Rhine-Ruhr University|Isar Institute of Technology|Neckar University|Saxon Technical University",
     "Essen|Munich|Heidelberg|Dresden",
     "rhine-ruhr.de|isar-tech.de|neckar-uni.de|saxon-tu.de",
     "the German Research Foundation (DFG)|the Federal Ministry of Education and Research (BMBF)"
     "|the Volkswagen Foundation",
     "Postdoctoral Researcher|Junior Professor (W1)|Associate Professor (W2)|Full Professor (W3)",
     "Salary TV-L E13, €4,332 - €6,221 per month|Salary W1, €5,720 per month|Salary W2, €6,950 per month plus "
     "performance-related supplements|Salary W3, negotiable",
     "{inst} is committed to increasing the proportion of women in research and teaching and explicitly encourages "
     "women to apply. Severely disabled applicants with equal qualifications will be given preference. Questions may "
     "be addressed to {contact}.|The position is initially limited in accordance with the Academic Fixed-Term "
     "Contract Act (WissZeitVG). Knowledge of German is not required. For further information please contact "
     "{contact}.",
     false},
    {"Netherlands", "the Netherlands", "Dutch",
     "Lowlands University|Delta University of Technology|Maasvallei University|Wadden University",
     "Utrecht|Rotterdam|Maastricht|Groningen",
     "lowlands.nl|deltatech.nl|maasvallei.nl|wadden-uni.nl",
     "the Dutch Research Council (NWO)|ZonMw|the European Research Council (ERC)",
     "Postdoctoral Researcher|Assistant Professor|Associate Professor|Full Professor",
     "Salary €3,974 - €5,439 gross per month (CAO NU scale 11)|Salary €4,332 - €6,737 gross per month (scale 11/12)"
     "|Salary €5,929 - €8,025 gross per month (scale 13/14)|Salary €6,974 - €10,325 gross per month (H2)",
     "We offer an 8% holiday allowance, an 8.3% end-of-year bonus and a flexible working environment. {inst} is "
     "committed to an inclusive academic community. Questions about the position may be addressed to {contact}."
     "|Applications should include a motivation letter, a CV and the names of two referees. For more information, "
     "please contact {contact}.",
     false},
    {"Sweden", "Sweden", "Swedish",
     "Norrland University|Gothia University|Uppland Institute of Technology",
     "Umeå|Gothenburg|Uppsala",
     "norrland.se|gothia.se|uppland-tech.se",
     "the Swedish Research Council (Vetenskapsrådet)|the Knut and Alice Wallenberg Foundation|Formas",
     "Postdoctoral Fellow|Associate Senior Lecturer (Assistant Professor)|Senior Lecturer (Associate Professor)"
     "|Professor",
     "Salary SEK 40,000 - 45,000 per month|Salary SEK 46,000 - 52,000 per month|Salary SEK 55,000 - 64,000 per month"
     "|Salary Individual salary setting",
     "{inst} values the qualities that diversity brings to the organisation and strives for gender balance. "
     "Applications must be written in English. For further information please contact {contact}.|The position is "
     "placed in a vibrant research environment with excellent opportunities for collaboration. Enquiries may be "
     "made to {contact}.",
     false},
    {"Switzerland", "Switzerland", "Swiss",
     "Limmat Institute of Technology|Leman University|Aare University",
     "Zurich|Lausanne|Bern",
     "limmat-tech.ch|leman-uni.ch|aare-uni.ch",
     "the Swiss National Science Foundation (SNSF)|Innosuisse|the European Research Council (ERC)",
     "Postdoctoral Researcher|Assistant Professor (Tenure Track)|Associate Professor|Full Professor",
     "Salary CHF 84,000 - 92,000 per annum|Salary CHF 125,000 - 140,000 per annum|Salary CHF 160,000 - 185,000 per annum"
     "|Salary Competitive, according to university regulations",
     "{inst} is an equal opportunity employer and strives to increase the proportion of women in academic positions. "
     "Questions regarding the position should be directed to {contact}.|We offer a dynamic international environment "
     "and excellent research infrastructure. For further information please contact {contact}.",
     true},
    {"United States", "the United States", "American",
     "Cascadia Institute of Technology|University of the Great Lakes|Chesapeake University|Sonoran State University",
     "Seattle|Chicago|Baltimore|Phoenix",
     "cascadia.edu|greatlakes.edu|chesapeake.edu|sonoran.edu",
     "the National Science Foundation (NSF)|the National Institutes of Health (NIH)|the Department of Energy (DOE)",
     "Postdoctoral Research Associate|Assistant Professor|Associate Professor|Full Professor",
     "Salary $62,000 - $70,000 per year plus benefits|Salary $105,000 - $125,000 per year (9-month appointment)"
     "|Salary $130,000 - $155,000 per year (9-month appointment)|Salary Commensurate with experience",
     "{inst} is an equal opportunity employer; all qualified applicants will receive consideration without regard to "
     "race, color, religion, sex, national origin, disability or veteran status. Review of applications will begin "
     "immediately and continue until the position is filled. Questions may be sent to {contact}.|Applicants should "
     "submit a cover letter, CV, research statement and the names of three references. Inquiries may be directed to "
     "{contact}.",
     true},
    {"Canada", "Canada", "Canadian",
     "Rideau University|Salish Sea University|Prairie Polytechnic University",
     "Ottawa|Vancouver|Winnipeg",
     "rideau.ca|salishsea.ca|prairiepoly.ca",
     "the Natural Sciences and Engineering Research Council of Canada (NSERC)|the Canadian Institutes of Health "
     "Research (CIHR)|the Social Sciences and Humanities Research Council (SSHRC)",
     "Postdoctoral Fellow|Assistant Professor|Associate Professor|Full Professor",
     "Salary CA$60,000 - CA$68,000 per year|Salary CA$110,000 - CA$130,000 per year|Salary CA$135,000 - CA$160,000 per "
     "year|Salary Commensurate with qualifications and experience",
     "{inst} is committed to employment equity and welcomes applications from women, Indigenous peoples, persons "
     "with disabilities and members of visible minorities. All qualified candidates are encouraged to apply; "
     "however, Canadians and permanent residents will be given priority. Enquiries may be directed to {contact}."
     "|Applications will be reviewed as they are received. For further information please contact {contact}.",
     true},
    {"Australia", "Australia", "Australian",
     "Harbourside University|Yarra Institute of Technology|Swan River University|University of the Coral Coast",
     "Sydney|Melbourne|Perth|Townsville",
     "harbourside.edu.au|yarra-tech.edu.au|swanriver.edu.au|coralcoast.edu.au",
     "the Australian Research Council (ARC)|the National Health and Medical Research Council (NHMRC)"
     "|the Australian Government Research Training Program",
     "Postdoctoral Research Fellow (Level A)|Lecturer (Level B)|Senior Lecturer (Level C)|Professor (Level E)",
     "Salary A$99,809 - A$117,010 plus 17% superannuation|Salary A$121,302 - A$143,219 plus 17% superannuation"
     "|Salary A$147,601 - A$169,515 plus 17% superannuation|Salary A$230,000 plus 17% superannuation",
     "{inst} acknowledges the Traditional Owners of the lands on which its campuses stand. We are committed to a "
     "diverse and inclusive workplace. For enquiries please contact {contact}.|Applicants must address the selection "
     "criteria in their application. For a confidential discussion about the role, please contact {contact}.",
     false},
};

constexpr int kRelatedAreas[][2] = {
    {6, 1}, {0, 2}, {3, 1}, {2, 5}, {3, 7}, {6, 3}, {8, 5}, {9, 8}, {6, 7}, {10, 11}, {9, 8}, {9, 7},
};

} // namespace

int areaCount()
{
    return technicalAreaCount() + humanAreaCount();
}

const AreaSpec& areaSpec(int area)
{
    if (area < 0 || area >= areaCount())
        throw usageError("demo corpus: no research area " + std::to_string(area));
    return area < technicalAreaCount() ? technicalArea(area) : humanArea(area - technicalAreaCount());
}

int regionCount()
{
    return static_cast<int>(sizeof(kRegions) / sizeof(kRegions[0]));
}

const RegionSpec& regionSpec(int region)
{
    if (region < 0 || region >= regionCount())
        throw usageError("demo corpus: no region " + std::to_string(region));
    return kRegions[region];
}

int relatedArea(int area, int which)
{
    static_assert(sizeof(kRelatedAreas) / sizeof(kRelatedAreas[0]) == 12, "one entry per research area");
    if (area < 0 || area >= areaCount() || which < 0 || which > 1)
        throw usageError("demo corpus: no related area " + std::to_string(which) + " for area " + std::to_string(area));
    return kRelatedAreas[area][which];
}

const char* contactGivenNames()
{
    return "Anna|Ben|Clara|David|Elena|Farid|Grace|Hannah|Ibrahim|Julia|Kenji|Laura|Marco|Nadia|Oliver|Priya|Rosa"
           "|Samuel|Tomas|Ulrike|Victor|Wei|Yasmin|Zoe";
}

const char* contactFamilyNames()
{
    return "Abbott|Bergmann|Castell|Dunmore|Eriksen|Fairweather|Galloway|Hartley|Iverson|Jansen|Kowalski|Lindqvist"
           "|Marlow|Novak|Okafor|Pemberton|Quinlan|Rahman|Sandoval|Thornbury|Underwood|Vasquez|Whitlock|Yilmaz";
}

std::vector<std::string> splitList(const char* list)
{
    std::vector<std::string> items;
    std::string current;
    for (const char* p = list; *p; ++p) {
        if (*p == '|') {
            items.push_back(current);
            current.clear();
        } else {
            current += *p;
        }
    }
    items.push_back(current);
    return items;
}

} // namespace rankpo::demo
