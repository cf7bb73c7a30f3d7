// The AI judge's records: runs with their counts, answers as `ai` preferences (one per judge, order and
// choice; answering again replaces), failures, the pairs still pending per judge and order, and the pairs a
// judge judged both ways differently (--drop-inconsistent).
#include "core/util/error.h"
#include "db/export_project.h"
#include "db/judge_pending_pairs.h"
#include "db/judge_run_store.h"
#include "db/project_store.h"
#include "db/project_writer.h"
#include "db/store_access.h"
#include "db/training_data.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace rankpo;
using namespace rankpo::db;

namespace {

struct Fixture {
    QTemporaryDir dir;
    std::unique_ptr<ProjectStore> store;
    std::vector<JobId> jobs;
    std::vector<CandidateId> candidates;
    std::vector<PairId> pairs; // job 0: (c0,c1) (c0,c2) (c1,c2); job 1: (c0,c1)

    Fixture()
    {
        store = ProjectStore::open(dir.path().toStdString() + "/p.rankpo", ProjectStore::OpenMode::Create);
        WriteTransaction tx(*store);
        ProjectWriter w(*store);
        jobs = {w.addJob("job one"), w.addJob("job two")};
        candidates = {w.addCandidate("cand a"), w.addCandidate("cand b"), w.addCandidate("cand c")};
        pairs = {w.addPair(jobs[0], candidates[0], candidates[1]), w.addPair(jobs[0], candidates[0], candidates[2]),
                 w.addPair(jobs[0], candidates[1], candidates[2]), w.addPair(jobs[1], candidates[0], candidates[1])};
        tx.commit();
    }

    JudgeRunRecord run(JudgeRunStore& runs, const std::string& annotator = "judge-x")
    {
        JudgeRunRecord r;
        r.endpointHost = "http://127.0.0.1:8080";
        r.model = "judge-x";
        r.annotator = annotator;
        r.promptHash = std::string(64, 'a');
        r.prompt = "the prompt";
        return runs.begin(r);
    }
};

JudgedAnswer answer(PairId pair, CandidateId first, Choice choice, int confidence = 80)
{
    JudgedAnswer a;
    a.pair = pair;
    a.shownFirst = first;
    a.choice = choice;
    a.confidence = confidence;
    a.rationale = "because";
    a.response = "Comparison: because\nPreferred: A\nConfidence score: 80";
    a.usageJson = R"({"prompt_tokens":10,"completion_tokens":5,"total_tokens":15})";
    a.seconds = 0.25;
    return a;
}

Preference pref(PreferenceId id, PairId pair, CandidateId first, CandidateId second, Choice choice,
                std::string annotator = "j", PreferenceSource source = PreferenceSource::Ai)
{
    Preference p;
    p.id = id;
    p.pairId = pair;
    p.shownFirst = first;
    p.shownSecond = second;
    p.choice = choice;
    p.annotator = std::move(annotator);
    p.source = source;
    return p;
}

} // namespace

class TestJudgeRunStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void runLifecycleAndCounts()
    {
        Fixture f;
        JudgeRunStore runs(*f.store);
        const auto r = f.run(runs);
        QVERIFY(r.id > 0);
        QVERIFY(r.status == RunStatus::Running);
        JudgeRunCounts c;
        c.judged = 1;
        c.promptTokens = 10;
        c.completionTokens = 5;
        const auto id = runs.recordAnswer(r.id, "judge-x", answer(f.pairs[0], f.candidates[1], Choice::Second), c);
        QVERIFY(id > 0);
        // The counts are on the run's row after every answer (a run killed outright still says how far it got).
        QCOMPARE(runs.find(r.id)->counts.judged, std::int64_t(1));
        JudgeFailureRow failure;
        failure.pair = f.pairs[1];
        failure.shownFirst = f.candidates[0];
        failure.kind = "no_preferred_line";
        failure.message = "no Preferred line";
        failure.response = "Comparison: hmm";
        c.failed = 1;
        c.retried = 2;
        runs.recordFailure(r.id, failure, c);
        runs.finish(r.id, RunStatus::Done, c, "", 1.5);
        const auto done = runs.find(r.id);
        QVERIFY(done->status == RunStatus::Done);
        QCOMPARE(done->counts.failed, std::int64_t(1));
        QCOMPARE(done->counts.retried, std::int64_t(2));
        QCOMPARE(done->counts.promptTokens, std::int64_t(10));
        QCOMPARE(*done->seconds, 1.5);
        QVERIFY(done->finishedAt.has_value());
        QCOMPARE(runs.list().size(), std::size_t(1));
        const auto failures = runs.failures(r.id);
        QCOMPARE(failures.size(), std::size_t(1));
        QCOMPARE(failures[0].kind, std::string("no_preferred_line"));
        QCOMPARE(failures[0].response, std::string("Comparison: hmm"));
        QVERIFY(!failures[0].httpStatus);
        QCOMPARE(runs.failureCounts(r.id).at("no_preferred_line"), std::int64_t(1));

        // The answer is an ai preference of the judge, in the shown order, with its raw response and usage.
        PreferenceFilter filter;
        filter.annotator = "judge-x";
        const auto prefs = f.store->preferences(filter);
        QCOMPARE(prefs.size(), std::size_t(1));
        QVERIFY(prefs[0].source == PreferenceSource::Ai);
        QCOMPARE(prefs[0].shownFirst, f.candidates[1]);
        QCOMPARE(prefs[0].winner(), f.candidates[0]);
        QCOMPARE(*prefs[0].confidence, 80);
        auto st = connectionOf(*f.store).prepare("SELECT response, usage, seconds, judge_run_id FROM preferences");
        QVERIFY(st.step());
        QVERIFY(st.text(0).find("Preferred: A") != std::string::npos);
        QVERIFY(st.text(1).find("\"total_tokens\":15") != std::string::npos);
        QCOMPARE(st.real(2), 0.25);
        QCOMPARE(st.int64(3), r.id);
    }

    void answeringAgainReplaces()
    {
        Fixture f;
        JudgeRunStore runs(*f.store);
        const auto first = f.run(runs);
        const auto second = f.run(runs);
        const auto a = runs.recordAnswer(first.id, "judge-x", answer(f.pairs[0], f.candidates[0], Choice::First, 60), {});
        const auto b = runs.recordAnswer(second.id, "judge-x", answer(f.pairs[0], f.candidates[0], Choice::First, 90), {});
        QCOMPARE(a, b);
        const auto prefs = f.store->preferences();
        QCOMPARE(prefs.size(), std::size_t(1));
        QCOMPARE(*prefs[0].confidence, 90);
        auto st = connectionOf(*f.store).prepare("SELECT judge_run_id FROM preferences");
        QVERIFY(st.step());
        QCOMPARE(st.int64(0), second.id);
    }

    void refusesAnswersOutsideThePair()
    {
        Fixture f;
        JudgeRunStore runs(*f.store);
        const auto r = f.run(runs);
        try {
            runs.recordAnswer(r.id, "judge-x", answer(f.pairs[0], f.candidates[2], Choice::First), {});
            QFAIL("a candidate outside the pair must be refused");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Data);
        }
        QCOMPARE(f.store->preferences().size(), std::size_t(0));
    }

    void pendingPerJudgeAndOrder()
    {
        Fixture f;
        f.store->assignSplit(0.5, 1);
        JudgeRunStore runs(*f.store);
        const auto r = f.run(runs);
        PendingJudgementOptions o;
        o.annotator = "judge-x";
        QCOMPARE(pendingJudgements(*f.store, o).size(), std::size_t(4));
        o.bothOrders = true;
        auto both = pendingJudgements(*f.store, o);
        QCOMPARE(both.size(), std::size_t(8));
        QCOMPARE(both[0].shownFirst, f.candidates[0]);
        QCOMPARE(both[1].shownFirst, f.candidates[1]);
        QCOMPARE(both[1].shownSecond, f.candidates[0]);

        // An answer in one order: the pair is answered for one order, pending in the other.
        runs.recordAnswer(r.id, "judge-x", answer(f.pairs[0], f.candidates[1], Choice::First), {});
        both = pendingJudgements(*f.store, o);
        QCOMPARE(both.size(), std::size_t(7));
        QCOMPARE(both[0].pair, f.pairs[0]);
        QCOMPARE(both[0].shownFirst, f.candidates[0]);
        o.bothOrders = false;
        QCOMPARE(pendingJudgements(*f.store, o).size(), std::size_t(3));
        // A failure is no answer.
        JudgeFailureRow failure;
        failure.pair = f.pairs[1];
        failure.shownFirst = f.candidates[0];
        failure.kind = "timeout";
        runs.recordFailure(r.id, failure, {});
        QCOMPARE(pendingJudgements(*f.store, o).size(), std::size_t(3));
        // Another judge (another prompt) has answered nothing; --rejudge asks everything again.
        o.annotator = "judge-x#1a2b3c4d";
        QCOMPARE(pendingJudgements(*f.store, o).size(), std::size_t(4));
        o.annotator = "judge-x";
        o.rejudge = true;
        QCOMPARE(pendingJudgements(*f.store, o).size(), std::size_t(4));
        o.rejudge = false;
        // --limit counts pairs (both orders of a pair are one), --split the jobs' split.
        o.bothOrders = true;
        o.limit = 2;
        const auto limited = pendingJudgements(*f.store, o);
        QCOMPARE(limited.size(), std::size_t(3)); // pair 0's other order, pair 1 both ways
        o.limit.reset();
        o.split = f.store->splitOf(f.jobs[1]);
        const auto split = pendingJudgements(*f.store, o);
        for (const auto& p : split)
            QCOMPARE(p.job, f.jobs[1]);
        QCOMPARE(split.size(), std::size_t(2));
    }

    void singleOrderIsStableAndMixed()
    {
        int loFirst = 0;
        for (PairId p = 1; p <= 1000; ++p) {
            QCOMPARE(loFirstInSingleOrder(p), loFirstInSingleOrder(p));
            loFirst += loFirstInSingleOrder(p) ? 1 : 0;
        }
        QVERIFY(loFirst > 400 && loFirst < 600);
    }

    void inconsistentPairsAndDropping()
    {
        // Pair 1: both orders agree (candidate 10 wins). Pair 2: the orders disagree. Pair 3: one order only.
        // Pair 2 by another rater: consistent. Pair 4: a tie one way and a win the other.
        std::vector<Preference> prefs = {
            pref(1, 1, 10, 11, Choice::First), pref(2, 1, 11, 10, Choice::Second),
            pref(3, 2, 10, 12, Choice::First), pref(4, 2, 12, 10, Choice::First),
            pref(5, 3, 11, 12, Choice::First),
            pref(6, 2, 10, 12, Choice::First, "k"), pref(7, 2, 12, 10, Choice::Second, "k"),
            pref(8, 4, 10, 13, Choice::Tie), pref(9, 4, 13, 10, Choice::First),
            pref(10, 2, 10, 12, Choice::First, "ann", PreferenceSource::Human),
        };
        const auto inconsistent = inconsistentPairs(prefs);
        QCOMPARE(inconsistent.size(), std::size_t(2));
        QVERIFY(inconsistent.count(RaterPair{2, PreferenceSource::Ai, "j"}));
        QVERIFY(inconsistent.count(RaterPair{4, PreferenceSource::Ai, "j"}));
        QCOMPARE(dropInconsistent(prefs), std::int64_t(4));
        std::vector<PreferenceId> kept;
        for (const auto& p : prefs)
            kept.push_back(p.id);
        QCOMPARE(kept, (std::vector<PreferenceId>{1, 2, 5, 6, 7, 10}));
    }

    void exportAndTrainingDropInconsistent()
    {
        Fixture f;
        f.store->assignSplit(0.0, 1); // everything in train
        JudgeRunStore runs(*f.store);
        const auto r = f.run(runs);
        // Pair 0: a flip (each order prefers the candidate shown first); pair 1: consistent; pair 2: one order.
        runs.recordAnswer(r.id, "judge-x", answer(f.pairs[0], f.candidates[0], Choice::First), {});
        runs.recordAnswer(r.id, "judge-x", answer(f.pairs[0], f.candidates[1], Choice::First), {});
        runs.recordAnswer(r.id, "judge-x", answer(f.pairs[1], f.candidates[0], Choice::First), {});
        runs.recordAnswer(r.id, "judge-x", answer(f.pairs[1], f.candidates[2], Choice::Second), {});
        runs.recordAnswer(r.id, "judge-x", answer(f.pairs[2], f.candidates[1], Choice::First), {});
        PreferenceDataOptions o;
        QCOMPARE(loadPreferenceExamples(*f.store, o).examples.size(), std::size_t(5));
        o.dropInconsistent = true;
        auto data = loadPreferenceExamples(*f.store, o);
        QCOMPARE(data.examples.size(), std::size_t(3));
        QCOMPARE(data.inconsistentDropped, std::int64_t(2));
        // Composes with --policy: majority after dropping folds pair 1's two rows into one.
        o.policy = MultiPreferencePolicy::Majority;
        data = loadPreferenceExamples(*f.store, o);
        QCOMPARE(data.examples.size(), std::size_t(2));

        ExportOptions e;
        e.format = DataFormat::Csv;
        e.dropInconsistent = true;
        const std::string out = f.dir.path().toStdString() + "/out.csv";
        const auto report = exportProject(*f.store, out, e);
        QCOMPARE(report.rows, std::int64_t(3));
        QCOMPARE(report.inconsistentDropped, std::int64_t(2));
    }
};

QTEST_GUILESS_MAIN(TestJudgeRunStore)
#include "tst_judge_run_store.moc"
