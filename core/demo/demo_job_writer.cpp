#include "core/demo/demo_job_writer.h"

#include "core/demo/demo_phrases.h"
#include "core/demo/demo_random.h"
#include "core/demo/demo_vocabulary.h"

#include <string>
#include <vector>

namespace rankpo::demo {
namespace {

// Level names for the "Level" header line, on the shared seniority scale.
constexpr const char* kLevelNames[] = {"Postdoctoral", "Assistant Professor / Lecturer",
                                       "Associate Professor / Senior Lecturer", "Professor"};

// Paragraph 1: the institution and the opening.
constexpr const char* kIntros[] = {
    "The {dept} at {inst} invites applications for {roleA} in {areaTitle}. The {dept} is home to a thriving "
    "research community and has close links with industry and public partners across {country}.",
    "An exciting opportunity has arisen for an enthusiastic researcher to join the {dept} at {inst} in {city}. "
    "The {dept} has an international reputation for research in {area} and offers a supportive, collaborative "
    "environment.",
    "{inst} is seeking to appoint {roleA} to join its {dept}. Located in {city}, {inst} is one of the leading "
    "research institutions in {country}, with a strong commitment to research-led teaching.",
    "We are looking for {roleA} to strengthen research and teaching in {area} at {inst}. The {dept} hosts "
    "research groups working across the breadth of {area} and attracts students from around the world.",
    "Applications are invited for the post of {title} at {inst}, {city}. The {dept} combines excellent research "
    "facilities with a friendly and inclusive working culture.",
};

// Paragraph 2: the project, in the job's sub-topic. Postdoctoral posts describe a funded project.
constexpr const char* kPostdocProjects[] = {
    "The successful candidate will join a project on {sub}, funded by {funder}, which aims to develop "
    "{method} for {topic}. A particular focus of the work will be {problem}.",
    "The post is part of a research programme funded by {funder} that investigates {topic}. The team combines "
    "{method} and {method2} to address {problem}, working closely with collaborators across {country}.",
    "You will contribute to an ambitious project on {topic}. The work will use {method}, drawing on {setting}, "
    "and will address {problem}.",
    "We are carrying out a research project on {sub} that applies {method} to {topic}. The post-holder will "
    "lead the day-to-day analysis of {setting} and help to write up the results for leading journals.",
    "The position is funded by {funder} and focuses on {problem} in the context of {topic}. You will develop "
    "and apply {method}, and will have the opportunity to shape the direction of the project.",
};

constexpr const char* kFacultyProjects[] = {
    "We seek a colleague whose research addresses {sub}, in particular {topic}. Expertise in {method} or "
    "{method2} would complement existing strengths in the {dept}, and we especially welcome applicants working "
    "on {problem}.",
    "The appointee will develop an independent research programme in {sub}, with a focus on {topic}. "
    "Experience with {method} and an interest in {problem} are highly desirable.",
    "Applications are invited from researchers working on {sub}. The {dept} is building a group on {topic}, "
    "and we are particularly interested in candidates who use {method} to tackle {problem}.",
    "The post will strengthen our research in {sub}. We are especially interested in work on {topic} that "
    "draws on {method}, and in colleagues who can build links with existing projects on {problem}.",
};

constexpr const char* kProfessorProjects[] = {
    "We seek an internationally recognised leader in {sub} whose work on {topic} will shape the research "
    "strategy of the {dept}. The professor will build a programme addressing {problem}, using approaches such "
    "as {method}.",
    "The chair will lead a new research initiative on {topic}, supported in part by {funder}. We welcome "
    "applications from leading researchers in {sub}, especially those with a record in {method}.",
    "This senior appointment will establish a centre of excellence in {sub}. The successful candidate will "
    "lead research on {topic} and {problem}, and will bring an outstanding record in {method}.",
};

// Paragraph 3: duties by level.
constexpr const char* kDuties[4][3] = {
    {"Duties include designing and carrying out studies, analysing data, preparing publications and presenting "
     "results at international conferences. The post-holder will also help to supervise PhD and Master's students.",
     "You will be responsible for the day-to-day running of the project, including data collection and analysis, "
     "and will contribute to grant applications and public engagement activities.",
     "The role involves independent and collaborative research, the preparation of manuscripts for leading "
     "journals, and contributing to the supervision of research students."},
    {"The appointee will teach undergraduate and postgraduate courses in {area}, supervise research students and "
     "develop an independent research programme supported by external funding.",
     "Responsibilities include research-led teaching, the supervision of undergraduate and Master's projects, and "
     "the development of competitive grant applications.",
     "You will contribute to teaching across our degree programmes, build a research group, and take on a "
     "share of administrative duties within the {dept}."},
    {"The post-holder will lead modules in {area}, contribute to curriculum development, mentor junior colleagues "
     "and secure substantial external research funding.",
     "You will take a leading role in research and teaching, supervise doctoral students to completion, and "
     "contribute to the leadership of the {dept}.",
     "Responsibilities include leading a research group, teaching at all levels, and taking on academic "
     "leadership roles such as programme direction."},
    {"The professor will provide academic leadership, shape the research strategy of the {dept}, and lead major "
     "grant applications and international collaborations.",
     "The successful candidate will lead a large research group, mentor early-career staff, and represent the "
     "{dept} nationally and internationally.",
     "You will play a leading role in the strategic development of the {dept}, attract major funding, and "
     "contribute to teaching and doctoral supervision."},
};

// Paragraph 4: the person specification by level.
constexpr const char* kRequirements[4][3] = {
    {"You will hold a PhD (or be close to completing one) in {degree}. Experience with {method} is essential, "
     "and familiarity with {method2} or with {setting} is desirable.",
     "Applicants should have a PhD, or have submitted their thesis, in {degree}. A track record of publications "
     "and experience with {method} are required.",
     "The ideal candidate has recently completed, or is about to complete, a PhD in {degree}, with hands-on "
     "experience of {method} and excellent communication skills."},
    {"Applicants must hold a PhD in {degree}, show evidence of high-quality publications and the potential to "
     "attract research funding. Postdoctoral experience is an advantage.",
     "You will have a PhD in {degree}, a growing record of publications, and experience of teaching at "
     "university level. Experience with {method} would be an advantage.",
     "We seek candidates with a PhD in {degree}, a promising publication record, postdoctoral or early-career "
     "experience, and a clear vision for an independent research programme."},
    {"A PhD in {degree}, a strong publication record, a track record of securing research funding and experience "
     "of supervising doctoral students are essential.",
     "You will have an established international reputation in {area}, a sustained record of publications and "
     "grant income, and experience of academic leadership.",
     "Candidates should hold a PhD in {degree} and bring several years of experience as an independent "
     "researcher, including the successful supervision of PhD students."},
    {"Candidates will have an outstanding international research record in {area}, a sustained record of major "
     "grant income and experience of leading large teams.",
     "You will be a recognised leader in your field, with an exceptional publication record, extensive "
     "experience of doctoral supervision and a history of major research awards.",
     "The successful candidate will have a distinguished record of research and leadership in {area}, including "
     "many years of senior academic experience."},
};

std::string asciiLower(std::string text)
{
    for (char& c : text)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return text;
}

template <std::size_t N>
const char* pickOne(const char* const (&items)[N], DemoRandom& rng)
{
    return items[rng.below(static_cast<int>(N))];
}

std::string contractFor(const RegionWords& region, int level, DemoRandom& rng)
{
    if (level == 0) {
        static constexpr int kMonths[] = {12, 18, 24, 36};
        return "Fixed Term (" + std::to_string(kMonths[rng.below(4)]) + " months)";
    }
    if (level == 1) {
        if (region.tenureTrack)
            return "Tenure Track";
        if (region.country == "Germany")
            return "Fixed Term (6 years, with tenure option)";
        return "Permanent";
    }
    return region.tenureTrack ? "Tenured" : "Permanent";
}

} // namespace

JobDraft DemoJobWriter::write(DemoJob job, DemoRandom& rng) const
{
    const AreaWords& area = m_vocabulary.area(job.area);
    const SubtopicWords& sub = m_vocabulary.subtopic(job.subtopic);
    const RegionWords& region = m_vocabulary.region(job.region);

    const int place = rng.below(static_cast<int>(region.institutions.size()));
    const std::string& inst = region.institutions[static_cast<std::size_t>(place)];
    const std::string& city = region.cities[static_cast<std::size_t>(place)];
    const std::string& levelTitle = region.levelTitles[static_cast<std::size_t>(job.level)];
    // Most ads name the area; some name the sub-topic, as specialised posts do.
    const std::string areaTitle = rng.chance(800) ? rng.pick(area.titleNames) : titleCase(sub.name);
    const std::string title = levelTitle + " in " + areaTitle;

    JobDraft draft;
    draft.topic = rng.pick(sub.topics);
    const int methodCount = static_cast<int>(sub.methods.size());
    const int firstMethod = rng.below(methodCount);
    const int secondMethod = (firstMethod + 1 + rng.below(methodCount - 1)) % methodCount;
    draft.method = sub.methods[static_cast<std::size_t>(firstMethod)];
    const std::string& method2 = sub.methods[static_cast<std::size_t>(secondMethod)];
    const std::string& given = rng.pick(m_vocabulary.givenNames());
    const std::string& family = rng.pick(m_vocabulary.familyNames());
    const std::string contact = std::string(rng.chance(500) ? "Professor " : "Dr ") + given + " " + family + " ("
        + asciiLower(given.substr(0, 1)) + "." + asciiLower(family) + "@"
        + region.emailDomains[static_cast<std::size_t>(place)] + ")";

    const Slots slots = {
        {"dept", rng.pick(area.departments)},
        {"inst", inst},
        {"city", city},
        {"country", region.countryInProse},
        {"area", area.name},
        {"areaTitle", areaTitle},
        {"title", title},
        {"roleA", withArticle(job.level == 0 ? "postdoctoral researcher" : levelTitle)},
        {"sub", sub.name},
        {"topic", draft.topic},
        {"method", draft.method},
        {"method2", method2},
        {"problem", rng.pick(sub.problems)},
        {"setting", rng.pick(sub.settings)},
        {"funder", rng.pick(region.funders)},
        {"degree", area.degree},
        {"contact", contact},
    };

    std::string text = title + "\n";
    text += "Institution " + inst + "\n";
    text += "Location " + city + ", " + region.country + "\n";
    text += "Contract Type " + contractFor(region, job.level, rng) + "\n";
    text += std::string("Hours ") + (job.level <= 1 && rng.chance(100) ? "Part Time (0.8 FTE)" : "Full Time") + "\n";
    text += region.salaries[static_cast<std::size_t>(job.level)] + "\n";
    // One draw per statement: the order in which function arguments are evaluated is unspecified,
    // and compilers differ (the corpus must be the same whichever compiled it).
    const int closingDay = rng.between(1, 28);
    const int closingMonth = rng.between(1, 12);
    const int closingYear = rng.between(2024, 2025);
    text += "Closing Date " + formatDate(closingDay, closingMonth, closingYear) + "\n";
    text += std::string("Level ") + kLevelNames[job.level] + "\n";

    std::vector<std::string> paragraphs;
    paragraphs.push_back(fillTemplate(pickOne(kIntros, rng), slots));
    const char* project = job.level == 0 ? pickOne(kPostdocProjects, rng)
        : job.level == 3                 ? pickOne(kProfessorProjects, rng)
                                         : pickOne(kFacultyProjects, rng);
    paragraphs.push_back(fillTemplate(project, slots));
    if (rng.chance(750))
        paragraphs.push_back(fillTemplate(kDuties[job.level][rng.below(3)], slots));
    if (rng.chance(800))
        paragraphs.push_back(fillTemplate(kRequirements[job.level][rng.below(3)], slots));
    if (rng.chance(600))
        paragraphs.push_back(fillTemplate(rng.pick(region.closings), slots));
    text += joined(paragraphs, "\n");

    draft.job = std::move(job);
    draft.job.text = std::move(text);
    return draft;
}

} // namespace rankpo::demo
