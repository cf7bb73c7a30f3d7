#include "core/demo/demo_profile_writer.h"

#include "core/demo/demo_phrases.h"
#include "core/demo/demo_random.h"
#include "core/demo/demo_vocabulary.h"

#include <algorithm>
#include <string>
#include <vector>

namespace rankpo::demo {
namespace {

enum class PublicationKind { Article, Thesis, Review };

// Slots: {M} {M2} method, {Mb} method without a leading "the", {T} topic, {Tb} topic without "the",
// {T2} another topic of the same sub-topic, {P} problem, {S} setting, {F} finding, {C} country,
// {n} a percentage, {area} the area's name.
constexpr const char* kTitles[4][10] = {
    {"{M} for {T}", "Scalable {Mb} for {T}", "{T} with {M}", "Addressing {P} in {T}", "Improving {T} through {M}",
     "A Comparative Study of {M} on {S}", "Beyond {M}: New Approaches to {T}", "{T}: Tackling {P} with {M}",
     "On {P} in {M}", "Towards Reliable {Tb} Using {M}"},
    {"{M} Reveals New Aspects of {T}", "Dissecting {T} Using {M}", "{T}: Insights from {M}",
     "Mechanisms of {Tb} in {S}", "Mapping {T} with {M}", "New Insights into {P}", "{P}: Evidence from {S}",
     "Probing {T} in {S} with {M}", "{T} Studied by {M}", "Resolving {P} with {M}"},
    {"{T}: Evidence from {C}", "{T}: Evidence from {S}", "Understanding {Tb}: A Study Using {M}", "{P} and {T}",
     "Rethinking {T}", "{M} and the Study of {Tb}", "New Evidence on {T}", "What Drives {Tb}? Evidence from {C}",
     "{T} in {C}: Evidence from {S}", "Revisiting {P}: {M} Applied to {S}"},
    {"{T} in {S}", "Rethinking {T}", "Reading {S}: New Perspectives on {T}", "{M} and {T}", "{T} Reconsidered",
     "Voices and Silences: {T} in {S}", "{P}: The Case of {Tb}", "Beyond the Archive: {T} and {P}",
     "Rewriting {T}: Evidence from {S}", "{T} Revisited"},
};

constexpr const char* kThesisTitles[4] = {"{M} for {T}: A Doctoral Thesis", "{T}: Insights from {M} (Doctoral Thesis)",
                                          "Essays on {Tb}", "{T} in {S}: A Doctoral Dissertation"};

constexpr const char* kReviewTitles[] = {"{T}: A Review", "Advances in {Tb}: A Perspective",
                                         "Editorial: Special Issue on {T}", "Open Problems in {Tb}",
                                         "A Roadmap for Research on {Tb}", "Twenty Years of {Mb}: Lessons and Open Questions"};

// Abstract sentences by style and role: context, approach, evidence, result (optional), implication (optional).
struct AbstractTemplates {
    const char* context[4];
    const char* approach[4];
    const char* evidence[4];
    const char* result[3];
    const char* implication[3];
};

// Phrases from the lists are never the grammatical subject of an inflected verb (their number varies:
// "outbreaks in care homes", "the bullwhip effect"), so every sentence reads correctly with any entry.
constexpr AbstractTemplates kAbstracts[4] = {
    {{"Progress on {T} is central to {area}, yet little is known about {P}.",
      "Despite rapid progress, work on {T} is still limited by {P}.",
      "Interest in {T} has grown quickly, but existing approaches struggle with {P}.",
      "Many applications depend on {T}, where progress is held back by {P}."},
     {"We propose a new approach based on {M} that addresses {P} directly.",
      "In this work we combine {M} with {M2} to make progress on {T}.",
      "We develop a framework that integrates {M} and {M2} and analyse its behaviour theoretically and empirically.",
      "Here we introduce a method that builds on {M} and scales to realistic problem sizes."},
     {"Experiments on {S} show that {F}.", "We evaluate the approach on {S} and find that {F}.",
      "Across {S}, our results indicate that {F}.", "Extensive experiments on {S} demonstrate that {F}."},
     {"The proposed method outperforms strong baselines by {n}% on average.",
      "Compared with {M2}, it reduces error by {n}% at a fraction of the cost.",
      "An ablation study identifies which components matter most."},
     {"These results suggest a practical path towards {T2} in real-world settings.",
      "Code and data are released to support further work on {T2}.",
      "We discuss the implications for {P} and outline directions for future work."}},
    {{"Understanding {T} is fundamental to biology and medicine, yet little is known about {P}.",
      "A major open question in the study of {Tb} concerns {P}.",
      "Although researchers have studied {T} for decades, the field still lacks a clear account of {P}.",
      "Recent work has renewed interest in {T}, but open questions remain about {P}."},
     {"Here we combine {M} and {M2} to investigate {T} in {S}.", "Using {M}, we examined {T} in {S}.",
      "We applied {M} to {S} to dissect {T}.", "In this study we use {M} together with {M2} to study {T}."},
     {"We show that {F}.", "Our data reveal that {F}.", "Unexpectedly, we found that {F}.",
      "These experiments demonstrate that {F}."},
     {"The effect was confirmed using {M2} and in independent replicate experiments.",
      "These observations were consistent across {S}.",
      "Quantitative analysis showed a {n}% change relative to controls."},
     {"These findings provide new insight into {T2} and suggest targets for therapeutic intervention.",
      "Together, our results establish a framework for understanding {P}.",
      "This work opens new avenues for studying {T2}."}},
    {{"Researchers and policymakers have long been concerned with {T}.",
      "Little is known about {P}, despite its importance for {T}.",
      "A growing literature studies {T}, but evidence on {P} remains limited.",
      "Debates about {T} have intensified, yet few studies address {P}."},
     {"We use {M}, drawing on {S}, to study {T}.", "Drawing on {S}, we apply {M} to examine {P}.",
      "This paper uses {M} to shed new light on {T}.", "We combine {M} with {M2}, using {S}."},
     {"We find that {F}.", "The results show that {F}.", "Our estimates suggest that {F}.",
      "The analysis reveals that {F}."},
     {"The findings are robust to alternative specifications and samples.",
      "Effects are larger for more disadvantaged groups.", "We complement the main analysis with {M2}."},
     {"We discuss implications for policy and for future research on {T2}.",
      "The findings inform current debates about {P}.",
      "The study highlights the value of {M} for research on {T2}."}},
    {{"This article examines {T}, a subject that has received surprisingly little attention.",
      "Historians have long debated {P}.", "Historians have usually approached {T} from the perspective of elites.",
      "Recent scholarship has returned to {T}, but debate continues over {P}."},
     {"Drawing on {S}, it uses {M} to reconstruct {T}.",
      "Through a study of {S}, the article traces {P}.",
      "The article combines {M} with a close study of {S}.",
      "Using {M}, it reads {S} against the grain."},
     {"It argues that {F}.", "The evidence suggests that {F}.", "It shows that {F}.",
      "The article demonstrates that {F}."},
     {"Particular attention is paid to {P}.", "The discussion also engages with {M2}.",
      "Several previously neglected sources are examined for the first time."},
     {"The article concludes by considering what this means for the study of {T2}.",
      "These findings complicate established narratives about {T2}.",
      "It suggests new directions for research on {P}."}},
};

constexpr const char* kThesisAbstract[] = {
    "This thesis investigates {T}, with a particular focus on {P}.",
    "Across three studies, it uses {M} and {M2}, drawing on {S}.",
    "The first study shows that {F}.",
    "Together, the chapters contribute to a better understanding of {T}.",
};

constexpr const char* kReviewAbstract[] = {
    "This review synthesises recent advances in {T}, with an emphasis on {M} and {M2}.",
    "Drawing on two decades of research, including our own, we discuss open challenges such as {P}.",
    "We highlight converging evidence that {F}.",
    "We conclude by outlining priorities for the next decade of research on {T}.",
};

constexpr const char* kRegionSentences[] = {
    "This work was supported by {funder}.",
    "The study was carried out at {inst}, {city}.",
    "Data were collected in partnership with organisations in {city}, {country}.",
    "The research was conducted at {inst} in {city}, {country}.",
};

template <std::size_t N>
const char* pickOne(const char* const (&items)[N], DemoRandom& rng)
{
    return items[rng.below(static_cast<int>(N))];
}

int styleIndex(TextStyle style)
{
    return static_cast<int>(style);
}

} // namespace

CandidateDraft DemoProfileWriter::write(DemoCandidate candidate, DemoRandom& rng) const
{
    const RegionWords& region = m_vocabulary.region(candidate.region);
    const AreaWords& mainArea = m_vocabulary.area(candidate.area);
    const int place = rng.below(static_cast<int>(region.institutions.size()));
    const Slots regionSlots = {
        {"funder", rng.pick(region.funders)},
        {"inst", region.institutions[static_cast<std::size_t>(place)]},
        {"city", region.cities[static_cast<std::size_t>(place)]},
        {"country", region.country},
    };

    const int count = static_cast<int>(candidate.publicationSubtopics.size());
    std::vector<PublicationKind> kinds(static_cast<std::size_t>(count), PublicationKind::Article);
    // Seniority cues, in the order a profile lists recent work first: a doctoral researcher's thesis
    // leads the list, a postdoc's follows a paper or two; senior researchers' recent work
    // includes reviews, perspectives and editorials, a mid-career researcher's now and then.
    if (candidate.level == 0)
        kinds.front() = PublicationKind::Thesis;
    else if (candidate.level == 1)
        kinds[static_cast<std::size_t>(std::min(rng.between(1, 2), count - 1))] = PublicationKind::Thesis;
    else if (candidate.level == 2 && rng.chance(400))
        kinds[static_cast<std::size_t>(rng.below(count))] = PublicationKind::Review;
    else if (candidate.level == 3)
        for (int r = 0, reviews = rng.between(2, 3); r < reviews && r < count; ++r)
            kinds[static_cast<std::size_t>(r)] = PublicationKind::Review;

    CandidateDraft draft;
    std::vector<std::string> titles, abstracts;
    std::vector<bool> hasAbstract(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i)
        hasAbstract[static_cast<std::size_t>(i)] = rng.chance(850);
    hasAbstract[static_cast<std::size_t>(rng.below(count))] = true;
    // The region cue goes into one abstract, anywhere in the list.
    int regionCarrier = rng.below(count);
    while (!hasAbstract[static_cast<std::size_t>(regionCarrier)])
        regionCarrier = (regionCarrier + 1) % count;

    for (int i = 0; i < count; ++i) {
        const int subtopic = candidate.publicationSubtopics[static_cast<std::size_t>(i)];
        const SubtopicWords& sub = m_vocabulary.subtopic(subtopic);
        const AreaWords& area = m_vocabulary.area(sub.area);
        const int style = styleIndex(area.style);
        const PublicationKind kind = kinds[static_cast<std::size_t>(i)];

        const int methodCount = static_cast<int>(sub.methods.size());
        const int firstMethod = rng.below(methodCount);
        const int secondMethod = (firstMethod + 1 + rng.below(methodCount - 1)) % methodCount;
        const std::string& method = sub.methods[static_cast<std::size_t>(firstMethod)];
        const int topicCount = static_cast<int>(sub.topics.size());
        const int firstTopic = rng.below(topicCount);
        const std::string& topic = sub.topics[static_cast<std::size_t>(firstTopic)];
        const std::string& topic2 = sub.topics[static_cast<std::size_t>((firstTopic + 1 + rng.below(topicCount - 1)) % topicCount)];
        const std::string& problem = rng.pick(sub.problems);
        const Slots slots = {
            {"M", method},
            {"M2", sub.methods[static_cast<std::size_t>(secondMethod)]},
            {"Mb", withoutLeadingThe(method)},
            {"T", topic},
            {"Tb", withoutLeadingThe(topic)},
            {"T2", topic2},
            {"P", problem},
            {"S", rng.pick(sub.settings)},
            {"F", rng.pick(sub.findings)},
            {"C", region.countryInProse},
            {"n", std::to_string(rng.between(6, 38))},
            {"area", area.name},
        };

        const char* titleTemplate = kind == PublicationKind::Thesis ? kThesisTitles[style]
            : kind == PublicationKind::Review                        ? pickOne(kReviewTitles, rng)
                                                                     : kTitles[style][rng.below(10)];
        titles.push_back(titleCase(fillTemplate(titleTemplate, slots)));

        if (hasAbstract[static_cast<std::size_t>(i)]) {
            std::vector<std::string> sentences;
            if (kind == PublicationKind::Thesis) {
                for (const char* s : kThesisAbstract)
                    sentences.push_back(fillTemplate(s, slots));
            } else if (kind == PublicationKind::Review) {
                for (const char* s : kReviewAbstract)
                    sentences.push_back(fillTemplate(s, slots));
            } else {
                const AbstractTemplates& t = kAbstracts[style];
                sentences.push_back(fillTemplate(pickOne(t.context, rng), slots));
                sentences.push_back(fillTemplate(pickOne(t.approach, rng), slots));
                sentences.push_back(fillTemplate(pickOne(t.evidence, rng), slots));
                if (rng.chance(550))
                    sentences.push_back(fillTemplate(pickOne(t.result, rng), slots));
                if (rng.chance(600))
                    sentences.push_back(fillTemplate(pickOne(t.implication, rng), slots));
            }
            if (i == regionCarrier)
                sentences.push_back(fillTemplate(pickOne(kRegionSentences, rng), regionSlots));
            abstracts.push_back(joined(sentences, " "));
        }
        draft.publications.push_back({subtopic, topic, method});
    }

    // Keywords, like OpenAlex concepts: a few area-wide ones, a couple per publication from its
    // sub-topic, and the country and affiliation near the front (where a length-limited encoder
    // still sees them).
    std::vector<std::string> keywords;
    auto addKeyword = [&keywords](const std::string& keyword) {
        if (std::find(keywords.begin(), keywords.end(), keyword) == keywords.end())
            keywords.push_back(keyword);
    };
    for (int index : rng.sample(static_cast<int>(mainArea.keywords.size()), rng.between(2, 3)))
        addKeyword(mainArea.keywords[static_cast<std::size_t>(index)]);
    for (int subtopic : candidate.publicationSubtopics) {
        const SubtopicWords& sub = m_vocabulary.subtopic(subtopic);
        for (int index : rng.sample(static_cast<int>(sub.keywords.size()), rng.between(1, 2)))
            addKeyword(sub.keywords[static_cast<std::size_t>(index)]);
    }
    rng.shuffle(keywords);
    if (keywords.size() > 30)
        keywords.resize(30);
    const int countryAt = rng.below(std::min(4, static_cast<int>(keywords.size()) + 1));
    keywords.insert(keywords.begin() + countryAt, region.country);
    // The affiliation, beside the country: job ads name their institution, so a model can learn
    // which institutions lie in which region.
    const int affiliationAt = rng.below(std::min(6, static_cast<int>(keywords.size()) + 1));
    keywords.insert(keywords.begin() + affiliationAt, region.institutions[static_cast<std::size_t>(place)]);

    candidate.text = "<keyword>" + joined(keywords, "<sep>") + "</keyword><title>" + joined(titles, "<sep>")
        + "</title><abstract>" + joined(abstracts, "<sep>") + "</abstract>";
    draft.candidate = std::move(candidate);
    return draft;
}

} // namespace rankpo::demo
