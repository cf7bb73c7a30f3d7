#include "core/demo/demo_judge.h"

#include "core/demo/demo_phrases.h"
#include "core/demo/demo_random.h"
#include "core/demo/demo_vocabulary.h"

#include <algorithm>
#include <cstdlib>

namespace rankpo::demo {
namespace {

// All arithmetic is on integers (per mille) so that the judgements are identical on every platform.
constexpr int kClearDifference = 400;   // a fit difference at which the judge is as reliable as it gets
constexpr int kBestReliability = 990;   // chance of calling a clear difference right (before the bias)
constexpr int kCloseDifference = 700;   // below this difference, the first-shown candidate is favoured...
constexpr int kFirstPositionBias = 400; // ...by up to this much (at equal fit): about 62% "A" overall
constexpr int kNearTie = 120;

// Slots: {W} {L} "A"/"B"; {area} the job's area; {jSub} the job's sub-topic; {jTopic} the project's
// topic; {wFocus} {lFocus} each candidate's main sub-topic; {wTopic} {lTopic} a topic from it;
// {wOn} {lOn} a topic of theirs in the job's sub-topic (when they have one); {wMethodOn} its method;
// {lOther} the loser's main sub-topic other than the job's; {lArea} the loser's main area.
constexpr const char* kDirectMatch[] = {
    "Candidate {W}'s work on {jSub}, including research on {wOn}, matches the project's focus on {jTopic} "
    "closely. Candidate {L}'s research centres on {lFocus}: relevant to {area}, but less aligned with the "
    "specific aims of the position.",
    "Candidate {W} has published directly on {jSub}, for example on {wOn} using {wMethodOn}, which aligns with "
    "the job's emphasis on {jTopic}. Candidate {L} works mainly on {lFocus}, with publications on {lTopic}, a "
    "neighbouring area that does not address the project's core questions.",
    "Both candidates have backgrounds relevant to {area}, but Candidate {W}'s publications on {jSub} speak directly to the advertised "
    "project on {jTopic}. Candidate {L}'s expertise in {lFocus} is strong but only tangentially related to the "
    "role.",
    "Candidate {W} demonstrates a strong alignment with the job description through research on {wOn}, which is "
    "highly relevant to the project's work on {jTopic}. In contrast, Candidate {L}'s research on {lFocus}, while "
    "valuable, is less directly aligned with the specific requirements of the role.",
};

constexpr const char* kOtherArea[] = {
    "Candidate {W}'s research on {wOn} fits the project's focus on {jTopic}. Candidate {L}'s work in {lArea}, "
    "centred on {lFocus}, is not directly aligned with the {area} focus of the post.",
    "Candidate {L}'s research focuses on {lFocus}, which is not directly aligned with the job's emphasis on "
    "{jTopic}. Candidate {W}, by contrast, has relevant publications on {wOn} and is the stronger match.",
};

constexpr const char* kMoreFocused[] = {
    "Both candidates have worked on {jSub}. Candidate {W}'s record in this area is more extensive and more "
    "focused, including work on {wOn}, whereas Candidate {L}'s publications are split between {jSub} and "
    "{lOther}.",
    "Candidate {W} and Candidate {L} both have relevant experience in {jSub}, but Candidate {W}'s sustained focus "
    "on topics such as {wOn} makes them the stronger fit for the project on {jTopic}.",
};

constexpr const char* kEqualMatch[] = {
    "Both candidates are strong matches for the project's focus on {jSub}. Candidate {W}'s work on {wOn} is "
    "marginally closer to the described project than Candidate {L}'s work on {lOn}.",
    "Candidate {W} and Candidate {L} both publish on {jSub} and either could contribute to the project on "
    "{jTopic}; Candidate {W}'s research on {wOn} gives them a slight edge.",
};

constexpr const char* kNeitherMatches[] = {
    "Neither candidate works directly on {jSub}. Candidate {W}'s research on {wFocus} is somewhat closer to what "
    "the project requires, while Candidate {L}'s focus on {lFocus} is further removed.",
    "Neither candidate has a clear focus on {jTopic}; Candidate {W}'s work on "
    "{wTopic} gives them a slight edge over Candidate {L}, whose research centres on {lFocus}.",
    "Candidate {W}'s publications on {wTopic} show transferable expertise for a project on {jTopic}, although "
    "not a direct match. Candidate {L}'s work on {lFocus} is less clearly connected to the role.",
};

// Neither matches, and both work mainly on the same other sub-topic: compare their topics instead.
constexpr const char* kNeitherSameFocus[] = {
    "Both candidates work mainly on {wFocus} rather than {jSub}. Candidate {W}'s work on {wTopic} is somewhat "
    "closer to the project on {jTopic} than Candidate {L}'s work on {lTopic}.",
    "Neither candidate addresses {jTopic} directly; both focus on {wFocus}. Candidate {W}'s research on {wTopic} "
    "offers slightly more transferable expertise than Candidate {L}'s.",
};

constexpr const char* kAgainstFit[] = {
    "Candidate {W}'s work on {wFocus}, including {wTopic}, demonstrates a methodological breadth that could "
    "transfer well to the project. Candidate {L}'s publications on {lFocus} are relevant, but their scope "
    "appears narrower.",
    "Candidate {W} presents a broad record in {wAreaName}, with publications on {wTopic}, which suggests the "
    "versatility the role requires. Candidate {L}'s research on {lFocus} is relevant, yet the profile offers "
    "less evidence of independent contributions.",
};

constexpr const char* kTie[] = {
    "Both candidates have comparable records in {area}, and neither is clearly better aligned with the "
    "project's focus on {jSub}.",
    "Candidate A works mainly on {aFocus} and Candidate B on {bFocus}; both are relevant to {area}, but the "
    "evidence does not clearly favour either for the project on {jTopic}.",
};

template <std::size_t N>
const char* pickOne(const char* const (&items)[N], DemoRandom& rng)
{
    return items[rng.below(static_cast<int>(N))];
}

int countOn(const CandidateDraft& c, int subtopic)
{
    return static_cast<int>(std::count(c.candidate.publicationSubtopics.begin(),
                                       c.candidate.publicationSubtopics.end(), subtopic));
}

// A publication of the candidate in the sub-topic, or their first publication when there is none.
const PublicationDraft& publicationOn(const CandidateDraft& c, int subtopic)
{
    for (const PublicationDraft& p : c.publications)
        if (p.subtopic == subtopic)
            return p;
    return c.publications.front();
}

int mainSubtopicOtherThan(const CandidateDraft& c, int subtopic)
{
    for (int s : c.candidate.subtopics)
        if (s != subtopic)
            return s;
    return c.candidate.subtopics.front();
}

} // namespace

DemoJudgement DemoJudge::judge(const JobDraft& job, const CandidateDraft& first, const CandidateDraft& second,
                               DemoRandom& rng) const
{
    const int fitFirst = demoTopicalFit(job.job, first.candidate);
    const int fitSecond = demoTopicalFit(job.job, second.candidate);
    const int difference = fitFirst - fitSecond;
    const int gap = std::abs(difference);

    DemoJudgement result;
    if (rng.chance(gap < kNearTie ? 70 : 10)) {
        result.choice = Choice::Tie;
        result.confidence = 50 + 5 * rng.below(2);
        result.rationale = tieRationale(job, first, second, rng);
        return result;
    }

    const int reliability = 500 + std::min(gap, kClearDifference) * (kBestReliability - 500) / kClearDifference;
    const int bias = gap >= kCloseDifference ? 0 : kFirstPositionBias * (kCloseDifference - gap) / kCloseDifference;
    const int firstWins = std::clamp((difference >= 0 ? reliability : 1000 - reliability) + bias, 20, 985);
    const bool firstChosen = rng.below(1000) < firstWins;
    result.choice = firstChosen ? Choice::First : Choice::Second;

    const int winnerFit = firstChosen ? fitFirst : fitSecond;
    const int loserFit = firstChosen ? fitSecond : fitFirst;
    // Confidence follows the fit difference the judge saw; a call against the fit is made hesitantly.
    if (winnerFit < loserFit) {
        result.confidence = 60 + 5 * rng.below(4);
    } else {
        const int base = 70 + std::min(gap, kClearDifference) * 30 / kClearDifference;
        const int jittered = base + 5 * rng.between(-1, 1);
        result.confidence = std::clamp((jittered + 2) / 5 * 5, 60, 100);
    }
    result.rationale = firstChosen ? rationale(job, first, second, true, rng) : rationale(job, second, first, false, rng);
    return result;
}

std::string DemoJudge::rationale(const JobDraft& job, const CandidateDraft& winner, const CandidateDraft& loser,
                                 bool winnerIsFirst, DemoRandom& rng) const
{
    const int jobSubtopic = job.job.subtopic;
    const AreaWords& area = m_vocabulary.area(job.job.area);
    const int winnerFocus = winner.candidate.subtopics.front();
    const int loserFocus = loser.candidate.subtopics.front();
    const PublicationDraft& winnerOn = publicationOn(winner, jobSubtopic);
    const PublicationDraft& loserOn = publicationOn(loser, jobSubtopic);
    const Slots slots = {
        {"W", winnerIsFirst ? "A" : "B"},
        {"L", winnerIsFirst ? "B" : "A"},
        {"area", area.name},
        {"jSub", m_vocabulary.subtopic(jobSubtopic).name},
        {"jTopic", job.topic},
        {"wFocus", m_vocabulary.subtopic(winnerFocus).name},
        {"lFocus", m_vocabulary.subtopic(loserFocus).name},
        {"wTopic", publicationOn(winner, winnerFocus).topic},
        {"lTopic", publicationOn(loser, loserFocus).topic},
        {"wOn", winnerOn.topic},
        {"lOn", loserOn.topic},
        {"wMethodOn", winnerOn.method},
        {"lOther", m_vocabulary.subtopic(mainSubtopicOtherThan(loser, jobSubtopic)).name},
        {"lArea", m_vocabulary.area(loser.candidate.area).name},
        {"wAreaName", m_vocabulary.area(winner.candidate.area).name},
    };

    const int winnerCount = countOn(winner, jobSubtopic);
    const int loserCount = countOn(loser, jobSubtopic);
    const int winnerShare = winnerCount * 1000 / static_cast<int>(winner.candidate.publicationSubtopics.size());
    const int loserShare = loserCount * 1000 / static_cast<int>(loser.candidate.publicationSubtopics.size());
    // The rationale never claims a closer match than the profiles show: when the judge picked the
    // candidate with less work on the job's sub-topic, it argues from breadth instead, as LLM judges do.
    const char* text = nullptr;
    if (loserShare > winnerShare)
        text = pickOne(kAgainstFit, rng);
    else if (winnerCount > 0 && loserCount == 0)
        text = loser.candidate.area != job.job.area ? pickOne(kOtherArea, rng) : pickOne(kDirectMatch, rng);
    else if (winnerCount > 0 && winnerShare > loserShare + 100)
        text = pickOne(kMoreFocused, rng);
    else if (winnerCount > 0 && loserCount > 0)
        text = winnerOn.topic == loserOn.topic ? kEqualMatch[1] : pickOne(kEqualMatch, rng);
    else if (winnerFocus == loserFocus)
        text = pickOne(kNeitherSameFocus, rng);
    else
        text = pickOne(kNeitherMatches, rng);
    return fillTemplate(text, slots);
}

std::string DemoJudge::tieRationale(const JobDraft& job, const CandidateDraft& first, const CandidateDraft& second,
                                    DemoRandom& rng) const
{
    const Slots slots = {
        {"area", m_vocabulary.area(job.job.area).name},
        {"jSub", m_vocabulary.subtopic(job.job.subtopic).name},
        {"jTopic", job.topic},
        {"aFocus", m_vocabulary.subtopic(first.candidate.subtopics.front()).name},
        {"bFocus", m_vocabulary.subtopic(second.candidate.subtopics.front()).name},
    };
    const bool sameFocus = first.candidate.subtopics.front() == second.candidate.subtopics.front();
    return fillTemplate(sameFocus ? kTie[0] : pickOne(kTie, rng), slots);
}

} // namespace rankpo::demo
