// Team work on a PostgreSQL project: push a file up and pull a snapshot back (ids kept), assignment and the
// queue's order, the review queue and decisions, a teammate's judgement seen through LISTEN/NOTIFY, and the
// connected role as the annotator. Against the pg_cluster fixture's server; skips without one.
#include "db/adjudications.h"
#include "db/change_watch.h"
#include "db/judgement_edits.h"
#include "db/judgement_reader.h"
#include "db/pair_assignments.h"
#include "db/pair_queue.h"
#include "db/project_merge.h"
#include "db/project_store.h"
#include "db/project_writer.h"
#include "db/review_queue.h"
#include "tests/support/pg_test_url.h"

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <thread>

using namespace rankpo;
using namespace rankpo::db;

namespace {

// A local project: one job, four candidates, three pairs, alice and bob disagreeing on the first.
std::unique_ptr<ProjectStore> localProject(const QTemporaryDir& dir)
{
    auto store = ProjectStore::open(dir.path().toStdString() + "/local.rankpo", ProjectStore::OpenMode::Create);
    WriteTransaction tx(*store);
    ProjectWriter w(*store);
    const JobId job = w.addJob("Research engineer, speech recognition", "job-1");
    std::vector<CandidateId> c;
    for (int i = 0; i < 4; ++i)
        c.push_back(w.addCandidate("<keyword>topic " + std::to_string(i) + "</keyword>", "cand-" + std::to_string(i)));
    const PairId p1 = w.addPair(job, c[0], c[1]);
    w.addPair(job, c[0], c[2]);
    w.addPair(job, c[1], c[3]);
    for (const char* who : {"alice", "bob"}) {
        NewPreference p;
        p.pairId = p1;
        p.source = PreferenceSource::Human;
        p.annotator = who;
        p.shownFirst = c[0];
        p.choice = std::string(who) == "alice" ? Choice::First : Choice::Second;
        p.createdAt = 5;
        w.addPreference(p);
    }
    tx.commit();
    return store;
}

} // namespace

class TestPostgresTeam : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pushThenPullKeepsTheServersIds()
    {
        RANKPO_REQUIRE_PG_CLUSTER(base);
        QTemporaryDir dir;
        auto local = localProject(dir);
        Adjudications(*local).decide(1, std::nullopt, "rita", "both fit", 9);
        auto server = ProjectStore::open(test::pgProjectUrl(base, "push"), ProjectStore::OpenMode::Create);
        auto report = mergeProject(*local, *server);
        QCOMPARE(report.pairs.added, 3);
        QCOMPARE(report.preferences.added, 2);
        QCOMPARE(report.adjudications.added, 1);
        report = mergeProject(*local, *server); // again: nothing new
        QCOMPARE(report.pairs.added + report.preferences.added + report.candidates.added, std::int64_t(0));

        auto snapshot = ProjectStore::open(dir.path().toStdString() + "/snapshot.rankpo", ProjectStore::OpenMode::Create);
        MergeOptions keep;
        keep.keepIds = true;
        mergeProject(*server, *snapshot, keep);
        for (PairId p : PairQueue(*server).select({}))
            QCOMPARE(JudgementReader(*snapshot).ofPair(p).size(), JudgementReader(*server).ofPair(p).size());
        QCOMPARE(*snapshot->findCandidate("cand-2"), *server->findCandidate("cand-2"));
        QVERIFY(Adjudications(*snapshot).of(*PairQueue(*server).select({}).begin()));
    }

    void assignReviewAndDecideOnTheServer()
    {
        RANKPO_REQUIRE_PG_CLUSTER(base);
        QTemporaryDir dir;
        auto local = localProject(dir);
        auto server = ProjectStore::open(test::pgProjectUrl(base, "team"), ProjectStore::OpenMode::Create);
        mergeProject(*local, *server);
        AssignmentRequest r;
        r.annotators = {"alice", "bob", "carol"};
        r.perPair = 2;
        const auto result = PairAssignments(*server).assign(r);
        QCOMPARE(result.assignmentsAdded, 6);
        PairQueueQuery q;
        q.annotator = "carol";
        const auto order = PairQueue(*server).select(q);
        QCOMPARE(order.size(), std::size_t(3));
        QCOMPARE(PairAssignments(*server).assigneesOf(order[0]).size(), std::size_t(2));
        const auto first = PairAssignments(*server).assigneesOf(order[0]);
        QVERIFY(std::find(first.begin(), first.end(), "carol") != first.end());

        const auto review = reviewQueue(*server, {});
        QCOMPARE(review.size(), std::size_t(1));
        QCOMPARE(review[0].judgements.size(), std::size_t(2));
        Adjudications(*server).decide(review[0].pairId, review[0].hi, "rita", "");
        QVERIFY(reviewQueue(*server, {}).empty());
        auto prefs = server->preferences();
        QCOMPARE(applyAdjudications(prefs, Adjudications(*server).all(), AdjudicationPolicy::Only), std::int64_t(1));
        QCOMPARE(prefs[0].winner(), review[0].hi);
    }

    void aTeammatesJudgementIsNotified()
    {
        RANKPO_REQUIRE_PG_CLUSTER(base);
        QTemporaryDir dir;
        auto local = localProject(dir);
        const std::string url = test::pgProjectUrl(base, "live");
        auto mine = ProjectStore::open(url, ProjectStore::OpenMode::Create);
        mergeProject(*local, *mine);
        ChangeWatch watch(*mine);
        QVERIFY(!watch.judgementsChanged());
        {
            // One's own judgement was shown when it was made: it wakes nobody, the server hears it as ours.
            Preference p;
            p.pairId = PairQueue(*mine).select({}).front();
            p.source = PreferenceSource::Human;
            p.annotator = "me";
            p.shownFirst = *mine->findCandidate("cand-1");
            p.choice = Choice::Tie;
            p.createdAt = 6;
            WriteTransaction tx(*mine);
            JudgementEdits(*mine).add(p);
            tx.commit();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        QVERIFY(!watch.judgementsChanged());
        {
            auto theirs = ProjectStore::open(url);
            mine->setInfo("unrelated", "x"); // not team work
            Preference p;
            p.pairId = PairQueue(*theirs).select({}).back();
            p.source = PreferenceSource::Human;
            p.annotator = "dave";
            p.shownFirst = *theirs->findCandidate("cand-1");
            p.choice = Choice::Tie;
            p.createdAt = 7;
            WriteTransaction tx(*theirs);
            JudgementEdits(*theirs).add(p);
            tx.commit();
        }
        QElapsedTimer clock;
        clock.start();
        bool seen = false;
        while (!seen && clock.elapsed() < 2000) {
            seen = watch.judgementsChanged();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        QVERIFY2(seen, "no notification within 2 s");
        QVERIFY(!watch.judgementsChanged());
        QVERIFY(mine->sessionUser() && !mine->sessionUser()->empty());
    }
};

QTEST_GUILESS_MAIN(TestPostgresTeam)
#include "tst_postgres_team.moc"
