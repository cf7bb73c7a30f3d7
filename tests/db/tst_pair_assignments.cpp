// Assignment of pairs to annotators: k per pair, shares within one of each other, again only tops up, rebalance
// withdraws only unjudged assignments, progress counts judged ones, the queue puts mine first, bad requests
// change nothing.
#include "core/util/error.h"
#include "db/judgement_edits.h"
#include "db/pair_assignments.h"
#include "db/pair_queue.h"
#include "db/project_store.h"
#include "db/project_writer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <map>

using namespace rankpo;
using namespace rankpo::db;

namespace {

struct Fixture {
    QTemporaryDir dir;
    std::unique_ptr<ProjectStore> store;
    std::vector<PairId> pairs;
    std::vector<CandidateId> candidates;

    explicit Fixture(int pairCount)
    {
        store = ProjectStore::open(dir.path().toStdString() + "/p.rankpo", ProjectStore::OpenMode::Create);
        WriteTransaction tx(*store);
        ProjectWriter w(*store);
        for (int c = 0; c < 8; ++c)
            candidates.push_back(w.addCandidate("candidate " + std::to_string(c)));
        for (int i = 0; pairs.size() < static_cast<std::size_t>(pairCount); ++i) {
            const JobId job = w.addJob("job " + std::to_string(i));
            for (int a = 0; a < 8 && pairs.size() < static_cast<std::size_t>(pairCount); a += 2)
                pairs.push_back(w.addPair(job, candidates[a], candidates[a + 1]));
        }
        tx.commit();
    }

    void judge(PairId pair, const std::string& annotator)
    {
        Preference p;
        p.pairId = pair;
        p.source = PreferenceSource::Human;
        p.annotator = annotator;
        const auto it = std::find(pairs.begin(), pairs.end(), pair);
        const auto index = static_cast<std::size_t>(it - pairs.begin());
        p.shownFirst = candidates[(index % 4) * 2];
        p.shownSecond = candidates[(index % 4) * 2 + 1];
        p.choice = Choice::First;
        p.createdAt = 1;
        WriteTransaction tx(*store);
        JudgementEdits(*store).add(p);
        tx.commit();
    }

    std::int64_t assignmentRows()
    {
        std::int64_t n = 0;
        for (const auto& w : PairAssignments(*store).progress())
            n += w.assigned;
        return n;
    }
};

AssignmentRequest request(std::vector<std::string> annotators, int perPair, std::uint64_t seed = 0)
{
    AssignmentRequest r;
    r.annotators = std::move(annotators);
    r.perPair = perPair;
    r.seed = seed;
    return r;
}

} // namespace

class TestPairAssignments : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void eachPairGetsKDistinctAnnotatorsBalanced()
    {
        Fixture f(25);
        const auto r = PairAssignments(*f.store).assign(request({"alice", "bob", "carol"}, 2, 7));
        QCOMPARE(r.pairsInScope, 25);
        QCOMPARE(r.assignmentsAdded, 50);
        QCOMPARE(r.pairsComplete, 25);
        std::int64_t lo = 1 << 30, hi = 0;
        for (const auto& w : r.workload) {
            lo = std::min(lo, w.assigned);
            hi = std::max(hi, w.assigned);
            QCOMPARE(w.added, w.assigned);
        }
        QVERIFY2(hi - lo <= 1, qPrintable(QString("shares %1..%2").arg(lo).arg(hi)));
        for (PairId p : f.pairs) {
            const auto who = PairAssignments(*f.store).assigneesOf(p);
            QCOMPARE(who.size(), std::size_t(2));
            QVERIFY(who[0] != who[1]);
        }
    }

    void theSameSeedMakesTheSameAssignments()
    {
        Fixture a(12), b(12);
        PairAssignments(*a.store).assign(request({"x", "y", "z", "w"}, 2, 42));
        PairAssignments(*b.store).assign(request({"x", "y", "z", "w"}, 2, 42));
        for (std::size_t i = 0; i < a.pairs.size(); ++i)
            QCOMPARE(PairAssignments(*a.store).assigneesOf(a.pairs[i]), PairAssignments(*b.store).assigneesOf(b.pairs[i]));
    }

    void runningAgainTopsUpOnly()
    {
        Fixture f(10);
        PairAssignments(*f.store).assign(request({"alice", "bob"}, 1));
        QCOMPARE(f.assignmentRows(), 10);
        // The same call again: nothing to do.
        QCOMPARE(PairAssignments(*f.store).assign(request({"alice", "bob"}, 1)).assignmentsAdded, 0);
        // k = 2 now: every pair gets its second annotator, the first stays.
        const auto before = PairAssignments(*f.store).assigneesOf(f.pairs[3]);
        const auto r = PairAssignments(*f.store).assign(request({"alice", "bob"}, 2));
        QCOMPARE(r.assignmentsAdded, 10);
        const auto after = PairAssignments(*f.store).assigneesOf(f.pairs[3]);
        QCOMPARE(after.size(), std::size_t(2));
        QVERIFY(std::find(after.begin(), after.end(), before[0]) != after.end());
        // A newcomer joins: existing pairs are complete, so nothing is added without --rebalance.
        QCOMPARE(PairAssignments(*f.store).assign(request({"alice", "bob", "carol"}, 2)).assignmentsAdded, 0);
    }

    void rebalanceWithdrawsOnlyUnjudgedAssignments()
    {
        Fixture f(12);
        PairAssignments(*f.store).assign(request({"alice", "bob"}, 1, 3));
        // Alice judges three of her pairs; then Bob leaves and Carol joins.
        std::vector<PairId> aliceJudged;
        for (PairId p : f.pairs) {
            const auto who = PairAssignments(*f.store).assigneesOf(p);
            if (who == std::vector<std::string>{"alice"} && aliceJudged.size() < 3) {
                f.judge(p, "alice");
                aliceJudged.push_back(p);
            }
        }
        QCOMPARE(aliceJudged.size(), std::size_t(3));
        AssignmentRequest r = request({"alice", "carol"}, 1, 3);
        r.rebalance = true;
        const auto result = PairAssignments(*f.store).assign(r);
        QCOMPARE(result.assignmentsWithdrawn, 9); // 12 assignments, 3 judged
        QCOMPARE(result.assignmentsAdded, 9);
        for (PairId p : aliceJudged)
            QCOMPARE(PairAssignments(*f.store).assigneesOf(p), std::vector<std::string>{"alice"});
        std::map<std::string, std::int64_t> share;
        for (const auto& w : result.workload)
            share[w.annotator] = w.assigned;
        QCOMPARE(share["alice"], 6);
        QCOMPARE(share["carol"], 6);
        for (const auto& w : PairAssignments(*f.store).progress())
            QVERIFY2(w.annotator != "bob", "bob's unjudged pairs were withdrawn");
        // Progress: alice has judged 3 of her 6.
        for (const auto& w : PairAssignments(*f.store).progress())
            if (w.annotator == "alice")
                QCOMPARE(w.judged, 3);
    }

    void splitLimitsTheScope()
    {
        Fixture f(16);
        f.store->assignSplit(0.5, 1);
        AssignmentRequest r = request({"alice"}, 1);
        r.split = Split::Test;
        const auto result = PairAssignments(*f.store).assign(r);
        QVERIFY(result.pairsInScope > 0 && result.pairsInScope < 16);
        QCOMPARE(result.assignmentsAdded, result.pairsInScope);
    }

    void theQueuePutsMyPairsFirst()
    {
        Fixture f(9);
        AssignmentRequest r = request({"dora", "eve"}, 1);
        PairAssignments(*f.store).assign(r);
        std::vector<PairId> mine;
        for (PairId p : f.pairs)
            if (PairAssignments(*f.store).assigneesOf(p) == std::vector<std::string>{"dora"})
                mine.push_back(p);
        QVERIFY(!mine.empty() && mine.size() < f.pairs.size());
        PairQueueQuery q;
        q.annotator = "dora";
        const auto ids = PairQueue(*f.store).select(q);
        QCOMPARE(ids.size(), f.pairs.size());
        QCOMPARE(std::vector<PairId>(ids.begin(), ids.begin() + static_cast<long>(mine.size())), mine);
        // Filtered to mine: exactly those.
        q.filters = AssignedToMe;
        QCOMPARE(PairQueue(*f.store).select(q), mine);
        // Someone with no assignments sees import order.
        q.filters = 0;
        q.annotator = "frank";
        QCOMPARE(PairQueue(*f.store).select(q), f.pairs);
    }

    void badRequestsAreRefusedAndChangeNothing()
    {
        Fixture f(4);
        const auto refused = [&](AssignmentRequest r, const char* expected) {
            try {
                PairAssignments(*f.store).assign(r);
                QFAIL("accepted");
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::Usage);
                QVERIFY2(QString(e.what()).contains(expected), e.what());
            }
            QCOMPARE(f.assignmentRows(), 0);
        };
        refused(request({}, 1), "at least one");
        refused(request({"alice", "alice"}, 1), "named twice");
        refused(request({"alice", " "}, 1), "empty name");
        refused(request({"alice", "bob"}, 3), "between 1 and");
        refused(request({"alice"}, 0), "between 1 and");
        refused(request({"ai:judge"}, 1), "AI judge");
    }
};

QTEST_GUILESS_MAIN(TestPairAssignments)
#include "tst_pair_assignments.moc"
