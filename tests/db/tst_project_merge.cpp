// Merging one project into another (push/pull): everything carried once, a repeat adds nothing, ids mapped (a pair
// stored the other way round where the destination's candidate ids run the other way), the snapshot keeps ids,
// conflicts keep the destination's, a failure changes nothing.
#include "core/util/error.h"
#include "db/adjudications.h"
#include "db/judgement_reader.h"
#include "db/pair_assignments.h"
#include "db/pair_details.h"
#include "db/project_merge.h"
#include "db/project_store.h"
#include "db/project_writer.h"
#include "db/store_access.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace rankpo;
using namespace rankpo::db;

namespace {

std::unique_ptr<ProjectStore> create(const QTemporaryDir& dir, const char* name)
{
    return ProjectStore::open(dir.path().toStdString() + "/" + name, ProjectStore::OpenMode::Create);
}

struct Source {
    std::unique_ptr<ProjectStore> store;
    JobId job = 0;
    CandidateId a = 0, b = 0, c = 0;
    PairId ab = 0, bc = 0;

    explicit Source(const QTemporaryDir& dir)
    {
        store = create(dir, "local.rankpo");
        {
            WriteTransaction tx(*store);
            ProjectWriter w(*store);
            job = w.addJob("Postdoc in climate modelling", "job-1");
            a = w.addCandidate("<keyword>ocean models</keyword>", "cand-a");
            b = w.addCandidate("<keyword>sea ice</keyword>", "cand-b");
            c = w.addCandidate("<keyword>protein folding</keyword>", "cand-c");
            PairProvenance prov;
            prov.madeBy = "all-MiniLM-L6-v2";
            prov.strategy = "paper";
            prov.firstRank = 1;
            prov.secondRank = 7;
            prov.firstScore = 0.9;
            prov.secondScore = 0.4;
            ab = w.addPair(job, a, b, prov); // a ranked 1, b ranked 7
            bc = w.addPair(job, b, c);
            NewPreference p;
            p.pairId = ab;
            p.source = PreferenceSource::Ai;
            p.annotator = "judge";
            p.shownFirst = a;
            p.choice = Choice::First;
            p.confidence = 80;
            p.rationale = "closer topic";
            p.response = "Comparison: closer topic\nPreferred: A\nConfidence score: 80";
            p.createdAt = 10;
            w.addPreference(p);
            p.source = PreferenceSource::Human;
            p.annotator = "alice";
            p.choice = Choice::Second;
            p.response = {};
            w.addPreference(p);
            w.setLabel(job, a, 2);
            w.setLabel(job, c, 0);
            tx.commit();
        }
        store->assignSplit(0.0, 1); // the one job to train
        AssignmentRequest r;
        r.annotators = {"alice", "bob"};
        r.perPair = 2;
        PairAssignments(*store).assign(r);
        Adjudications(*store).decide(ab, b, "rita", "sea ice is the topic", 20);
    }
};

std::int64_t count(ProjectStore& store, const std::string& table)
{
    auto st = connectionOf(store).prepare("SELECT count(*) FROM " + table);
    st.step();
    return st.int64(0);
}

} // namespace

class TestProjectMerge : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pushCarriesEverythingOnceAndRepeats()
    {
        QTemporaryDir dir;
        Source src(dir);
        // The destination already knows candidate c, so the ids run the other way there: c < b < a.
        auto dst = create(dir, "shared.rankpo");
        CandidateId dstC = 0;
        {
            WriteTransaction tx(*dst);
            ProjectWriter w(*dst);
            w.addJob("an unrelated job");
            dstC = w.addCandidate("<keyword>protein folding</keyword>");
            tx.commit();
        }
        auto report = mergeProject(*src.store, *dst);
        QCOMPARE(report.jobs.added, 1);
        QCOMPARE(report.candidates.added, 2);
        QCOMPARE(report.candidates.present, 1);
        QCOMPARE(report.pairs.added, 2);
        QCOMPARE(report.preferences.added, 2);
        QCOMPARE(report.labels.added, 2);
        QCOMPARE(report.assignments.added, 4);
        QCOMPARE(report.adjudications.added, 1);
        QCOMPARE(report.externalIds.added, 4);

        // The pair (a, b) exists there with the candidates found by content; ranks and scores went with them.
        const auto job = dst->findJob("job-1");
        const auto a = dst->findCandidate("cand-a"), b = dst->findCandidate("cand-b");
        QVERIFY(job && a && b);
        QCOMPARE(*dst->findCandidate("cand-c"), dstC);
        auto st = connectionOf(*dst).prepare("SELECT id, candidate_lo, rank_lo, rank_hi, score_lo, score_hi, made_by "
                                             "FROM pairs WHERE job_id = ? AND candidate_lo = ? AND candidate_hi = ?");
        st.bind(1, *job).bind(2, std::min(*a, *b)).bind(3, std::max(*a, *b));
        QVERIFY(st.step());
        const PairId pair = st.int64(0);
        const bool aIsLo = st.int64(1) == *a;
        QCOMPARE(st.int64(aIsLo ? 2 : 3), std::int64_t(1)); // a's rank stays a's
        QCOMPARE(st.int64(aIsLo ? 3 : 2), std::int64_t(7));
        QCOMPARE(st.real(aIsLo ? 4 : 5), 0.9);
        QCOMPARE(st.text(6), std::string("all-MiniLM-L6-v2"));
        st.reset();
        const auto judgements = JudgementReader(*dst).ofPair(pair);
        QCOMPARE(judgements.size(), std::size_t(2));
        QCOMPARE(judgements[0].winner(), *a); // the judge chose a
        QCOMPARE(judgements[1].winner(), *b); // alice chose b
        QCOMPARE(*Adjudications(*dst).of(pair)->winner, *b);
        QVERIFY(dst->splitOf(*job) == Split::Train);
        QCOMPARE(PairAssignments(*dst).assigneesOf(pair), (std::vector<std::string>{"alice", "bob"}));

        // Again: nothing new.
        report = mergeProject(*src.store, *dst);
        QCOMPARE(report.jobs.added + report.candidates.added + report.pairs.added + report.preferences.added
                     + report.labels.added + report.assignments.added + report.externalIds.added,
                 std::int64_t(0));
        QCOMPARE(report.preferences.present, 2);
        QCOMPARE(count(*dst, "preferences"), 2);
    }

    void pullKeepsIds()
    {
        QTemporaryDir dir;
        Source src(dir);
        auto snapshot = create(dir, "snapshot.rankpo");
        MergeOptions keep;
        keep.keepIds = true;
        mergeProject(*src.store, *snapshot, keep);
        QCOMPARE(*snapshot->findCandidate("cand-b"), src.b);
        const auto pair = loadPairDetails(*snapshot, src.bc, {});
        QVERIFY(pair);
        QCOMPARE(pair->lo.id, src.b);
        QCOMPARE(JudgementReader(*snapshot).ofPair(src.ab).size(), std::size_t(2));
        QCOMPARE(JudgementReader(*snapshot).ofPair(src.ab)[0].id, JudgementReader(*src.store).ofPair(src.ab)[0].id);
        // A snapshot needs an empty project; a project cannot be merged into itself.
        try {
            mergeProject(*src.store, *snapshot, keep);
            QFAIL("merged into a non-empty snapshot");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("not empty"), e.what());
        }
        try {
            mergeProject(*src.store, *src.store);
            QFAIL("merged into itself");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("into itself"), e.what());
        }
    }

    void conflictsKeepTheDestinationsAndAFailureChangesNothing()
    {
        QTemporaryDir dir;
        Source src(dir);
        auto dst = create(dir, "other.rankpo");
        {
            WriteTransaction tx(*dst);
            ProjectWriter w(*dst);
            const JobId j = w.addJob("Postdoc in climate modelling");
            const CandidateId a = w.addCandidate("<keyword>ocean models</keyword>");
            w.addCandidate("a different text", "cand-b"); // cand-b names another text here
            w.setLabel(j, a, 1);                          // and a's label differs
            tx.commit();
        }
        const auto report = mergeProject(*src.store, *dst);
        QCOMPARE(report.idConflicts, 1);
        QCOMPARE(report.labelConflicts, 1);
        QCOMPARE(report.splitsSet, 1);
        QCOMPARE(dst->labelsOfJob(*dst->findJob("J1")).size(), std::size_t(2));

        // A source whose judgement points at a candidate it does not have: refused, nothing written.
        auto broken = create(dir, "broken.rankpo");
        {
            WriteTransaction tx(*broken);
            ProjectWriter w(*broken);
            const JobId j = w.addJob("job");
            const CandidateId x = w.addCandidate("x"), y = w.addCandidate("y");
            w.addPair(j, x, y);
            tx.commit();
        }
        connectionOf(*broken).exec("PRAGMA foreign_keys = OFF");
        connectionOf(*broken).exec("INSERT INTO preferences (pair_id, source, annotator, shown_first, choice, "
                                   "created_at) VALUES (1, 'human', 'zed', 999, 'first', 1)");
        auto empty = create(dir, "empty.rankpo");
        try {
            mergeProject(*broken, *empty);
            QFAIL("merged a dangling reference");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("candidate 999"), e.what());
        }
        QCOMPARE(count(*empty, "jobs"), 0);
    }
};

QTEST_GUILESS_MAIN(TestProjectMerge)
#include "tst_project_merge.moc"
