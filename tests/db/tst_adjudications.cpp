// The review queue and reviewers' decisions: which pairs disagree (people, or people and the AI), a decision per pair
// (replaced, withdrawn, refused when foreign), and what export and training make of it by --adjudication.
#include "core/util/error.h"
#include "db/adjudications.h"
#include "db/export_project.h"
#include "db/project_store.h"
#include "db/project_writer.h"
#include "db/review_queue.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace rankpo;
using namespace rankpo::db;

namespace {

// P1: alice lo, bob hi (people disagree)      P2: alice lo, bob lo (agree)
// P3: alice lo, AI hi (person against AI)     P4: alice tie, bob lo (a tie is an outcome)
struct Fixture {
    QTemporaryDir dir;
    std::unique_ptr<ProjectStore> store;
    std::vector<PairId> pairs;
    std::vector<CandidateId> c;

    Fixture()
    {
        store = ProjectStore::open(dir.path().toStdString() + "/p.rankpo", ProjectStore::OpenMode::Create);
        WriteTransaction tx(*store);
        ProjectWriter w(*store);
        const JobId job = w.addJob("research software engineer");
        for (int i = 0; i < 5; ++i)
            c.push_back(w.addCandidate("candidate " + std::to_string(i)));
        pairs = {w.addPair(job, c[0], c[1]), w.addPair(job, c[0], c[2]), w.addPair(job, c[0], c[3]),
                 w.addPair(job, c[0], c[4])};
        auto judge = [&](PairId pair, PreferenceSource source, const char* who, CandidateId first, Choice choice,
                         const char* why) {
            NewPreference p;
            p.pairId = pair;
            p.source = source;
            p.annotator = who;
            p.shownFirst = first;
            p.choice = choice;
            p.rationale = why;
            p.createdAt = 100;
            if (source == PreferenceSource::Ai)
                p.response = "Comparison: x\nPreferred: B\nConfidence score: 70";
            w.addPreference(p);
        };
        const auto H = PreferenceSource::Human;
        judge(pairs[0], H, "alice", c[0], Choice::First, "more papers");
        judge(pairs[0], H, "bob", c[0], Choice::Second, "closer topic");
        judge(pairs[1], H, "alice", c[0], Choice::First, "");
        judge(pairs[1], H, "bob", c[2], Choice::Second, "");
        judge(pairs[2], PreferenceSource::Ai, "judge", c[0], Choice::Second, "ai says"); // the AI first: its reply
        judge(pairs[2], H, "alice", c[0], Choice::First, "");                            // must not follow a decision
        judge(pairs[3], H, "alice", c[0], Choice::Tie, "");
        judge(pairs[3], H, "bob", c[0], Choice::First, "");
        tx.commit();
    }

    std::vector<PairId> queue(bool withAi, bool decided = false)
    {
        std::vector<PairId> out;
        for (const auto& item : reviewQueue(*store, {withAi, decided}))
            out.push_back(item.pairId);
        return out;
    }
};

} // namespace

class TestAdjudications : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theQueueListsDisagreements()
    {
        Fixture f;
        QCOMPARE(f.queue(false), (std::vector<PairId>{f.pairs[0], f.pairs[3]}));
        QCOMPARE(f.queue(true), (std::vector<PairId>{f.pairs[0], f.pairs[2], f.pairs[3]}));
        const auto items = reviewQueue(*f.store, {false, false});
        QCOMPARE(items[0].judgements.size(), std::size_t(2));
        QCOMPARE(items[0].judgements[1].rationale, std::string("closer topic"));
        QVERIFY(!items[0].decision);
        // With the AI: P3 shows the judge's judgement beside alice's.
        const auto withAi = reviewQueue(*f.store, {true, false});
        QCOMPARE(withAi[1].judgements.size(), std::size_t(2));
    }

    void aDecisionTakesThePairOffTheQueueAndCanBeReplacedOrWithdrawn()
    {
        Fixture f;
        Adjudications d(*f.store);
        d.decide(f.pairs[0], f.c[1], "rita", "bob is right: the topic decides");
        QCOMPARE(f.queue(false), std::vector<PairId>{f.pairs[3]});
        QCOMPARE(f.queue(false, true), (std::vector<PairId>{f.pairs[0], f.pairs[3]}));
        QCOMPARE(*d.of(f.pairs[0])->winner, f.c[1]);
        d.decide(f.pairs[0], std::nullopt, "sam", "");
        QVERIFY(!d.of(f.pairs[0])->winner);
        QCOMPARE(d.of(f.pairs[0])->reviewer, std::string("sam"));
        QCOMPARE(d.all().size(), std::size_t(1));
        QVERIFY(d.withdraw(f.pairs[0]));
        QVERIFY(!d.withdraw(f.pairs[0]));
        QCOMPARE(f.queue(false), (std::vector<PairId>{f.pairs[0], f.pairs[3]}));
    }

    void badDecisionsAreRefused()
    {
        Fixture f;
        Adjudications d(*f.store);
        const auto refused = [&](auto call, const char* expected) {
            try {
                call();
                QFAIL("accepted");
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::Usage);
                QVERIFY2(QString(e.what()).contains(expected), e.what());
            }
            QVERIFY(d.all().empty());
        };
        refused([&] { d.decide(f.pairs[0], f.c[3], "rita", ""); }, "is not one of them");
        refused([&] { d.decide(9999, f.c[0], "rita", ""); }, "no pair P9999");
        refused([&] { d.decide(f.pairs[0], f.c[0], "  ", ""); }, "reviewer");
    }

    void policiesShapeTheRows()
    {
        Fixture f;
        Adjudications(*f.store).decide(f.pairs[0], f.c[1], "rita", "the topic decides", 200);
        const auto decisions = Adjudications(*f.store).all();
        auto prefs = f.store->preferences();
        QCOMPARE(prefs.size(), std::size_t(8));
        auto ignored = prefs;
        QCOMPARE(applyAdjudications(ignored, decisions, AdjudicationPolicy::Ignore), 0);
        QCOMPARE(ignored.size(), std::size_t(8));

        auto preferred = prefs;
        QCOMPARE(applyAdjudications(preferred, decisions, AdjudicationPolicy::Prefer), 1);
        QCOMPARE(preferred.size(), std::size_t(7)); // P1's two judgements became one decision
        QCOMPARE(preferred[0].annotator, std::string("rita"));
        QCOMPARE(preferred[0].winner(), f.c[1]);
        QVERIFY(preferred[0].source == PreferenceSource::Human);
        QCOMPARE(preferred[0].rationale, std::string("the topic decides"));
        QCOMPARE(preferred[0].id, prefs[0].id);

        auto only = prefs;
        QCOMPARE(applyAdjudications(only, decisions, AdjudicationPolicy::Only), 1);
        QCOMPARE(only.size(), std::size_t(1));
        QCOMPARE(only[0].loser(), f.c[0]);
    }

    void exportWritesTheDecision()
    {
        Fixture f;
        Adjudications(*f.store).decide(f.pairs[2], f.c[3], "rita", "the AI is right");
        ExportOptions o;
        o.adjudication = AdjudicationPolicy::Only;
        const std::string out = f.dir.path().toStdString() + "/only.jsonl";
        const auto report = exportProject(*f.store, out, o);
        QCOMPARE(report.rows, 1);
        QCOMPARE(report.pairsAdjudicated, 1);
        QFile file(QString::fromStdString(out));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray line = file.readAll();
        QVERIFY2(line.contains("\"annotator\":\"rita\""), line.constData());
        QVERIFY2(line.contains("\"comparison\":\"the AI is right\""), line.constData());
        QVERIFY2(!line.contains("\"response\""), line.constData()); // the AI's reply is not the decision's
        o.adjudication = AdjudicationPolicy::Prefer;
        QCOMPARE(exportProject(*f.store, out, o).rows, 6); // 8 judgements, P3's two as one decision; a tie dropped
    }
};

QTEST_GUILESS_MAIN(TestAdjudications)
#include "tst_adjudications.moc"
