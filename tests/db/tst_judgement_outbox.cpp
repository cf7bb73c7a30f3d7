// The judgement outbox on a project file: kept judgements outlive the outbox (a reopen, as across closing the app),
// are sent in order, a retry with the same client id stores once, a data error is dropped and reported, and a
// forgotten (undone) judgement is not sent.
#include "core/util/client_id.h"
#include "core/util/error.h"
#include "db/judgement_edits.h"
#include "db/judgement_outbox.h"
#include "db/judgement_reader.h"
#include "db/project_store.h"
#include "db/project_writer.h"
#include "db/store_access.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace rankpo;
using namespace rankpo::db;

namespace {

struct Project {
    std::unique_ptr<ProjectStore> store;
    std::vector<PairId> pairs;
    CandidateId first = 0;
};

Project makeProject(const QTemporaryDir& dir)
{
    Project p;
    p.store = ProjectStore::open(dir.path().toStdString() + "/p.rankpo", ProjectStore::OpenMode::Create);
    WriteTransaction tx(*p.store);
    ProjectWriter w(*p.store);
    const JobId job = w.addJob("Research engineer", "job-1");
    std::vector<CandidateId> c;
    for (int i = 0; i < 4; ++i)
        c.push_back(w.addCandidate("candidate " + std::to_string(i), "c" + std::to_string(i)));
    p.first = c[0];
    for (int i = 1; i < 4; ++i)
        p.pairs.push_back(w.addPair(job, c[0], c[i]));
    tx.commit();
    return p;
}

Preference judgement(PairId pair, CandidateId shownFirst, Choice choice)
{
    Preference p;
    p.pairId = pair;
    p.source = PreferenceSource::Human;
    p.annotator = "alice";
    p.shownFirst = shownFirst;
    p.choice = choice;
    p.confidence = 70;
    p.rationale = "why";
    p.createdAt = 1000;
    p.clientId = newClientId();
    return p;
}

std::int64_t count(ProjectStore& store)
{
    auto st = connectionOf(store).prepare("SELECT count(*) FROM preferences");
    st.step();
    return st.int64(0);
}

} // namespace

class TestJudgementOutbox : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keptJudgementsOutliveAReopenAndAreSentInOrder()
    {
        QTemporaryDir dir;
        Project project = makeProject(dir);
        const std::string path = dir.path().toStdString() + "/" + outboxFileName("postgresql://a@h/db?project=x");
        const Preference first = judgement(project.pairs[0], project.first, Choice::First);
        const Preference second = judgement(project.pairs[0], project.first, Choice::Second); // replaces `first`
        const Preference other = judgement(project.pairs[1], project.first, Choice::Tie);
        {
            JudgementOutbox outbox(path);
            outbox.keep(first);
            outbox.keep(second);
            outbox.keep(other);
            outbox.keep(other); // the same id twice: kept once
            QCOMPARE(outbox.size(), std::size_t(3));
        }
        JudgementOutbox outbox(path); // the app closed and opened again
        QCOMPARE(outbox.size(), std::size_t(3));
        QCOMPARE(outbox.pending().front().clientId, first.clientId);
        QCOMPARE(outbox.pending().front().rationale, std::string("why"));
        const OutboxReport r = outbox.send(*project.store);
        QCOMPARE(r.sent, std::size_t(3));
        QVERIFY(!r.unreachable);
        QVERIFY(r.dropped.empty());
        QCOMPARE(outbox.size(), std::size_t(0));
        // In order: alice's later judgement of the first pair is the one that stays.
        const auto stored = JudgementReader(*project.store).ofPairBy(project.pairs[0], PreferenceSource::Human, "alice");
        QCOMPARE(stored.size(), std::size_t(1));
        QVERIFY(stored[0].choice == Choice::Second);
        QCOMPARE(count(*project.store), std::int64_t(2));
    }

    void aRetryWithTheSameClientIdStoresOnce()
    {
        QTemporaryDir dir;
        Project project = makeProject(dir);
        JudgementOutbox outbox(dir.path().toStdString() + "/outbox.sqlite");
        const Preference p = judgement(project.pairs[0], project.first, Choice::First);
        // Stored, but the reply was lost: the outbox still holds it and sends it again.
        const RecordedJudgement direct = JudgementEdits(*project.store).replace(p);
        QVERIFY(!direct.alreadyStored);
        outbox.keep(p);
        const OutboxReport r = outbox.send(*project.store);
        QCOMPARE(r.sent, std::size_t(1));
        QCOMPARE(count(*project.store), std::int64_t(1));
        QVERIFY(JudgementEdits(*project.store).replace(p).alreadyStored);
        QCOMPARE(count(*project.store), std::int64_t(1));
        // record(): kept, sent, forgotten.
        const OutboxReport again = outbox.record(*project.store, judgement(project.pairs[1], project.first, Choice::Tie));
        QCOMPARE(again.sent, std::size_t(1));
        QCOMPARE(outbox.size(), std::size_t(0));
        QCOMPARE(count(*project.store), std::int64_t(2));
    }

    void aDataErrorIsDroppedAndReportedNotRetried()
    {
        QTemporaryDir dir;
        Project project = makeProject(dir);
        JudgementOutbox outbox(dir.path().toStdString() + "/outbox.sqlite");
        outbox.keep(judgement(9999, project.first, Choice::First)); // no such pair
        const Preference good = judgement(project.pairs[2], project.first, Choice::First);
        outbox.keep(good);
        const OutboxReport r = outbox.send(*project.store);
        QCOMPARE(r.dropped.size(), std::size_t(1));
        QVERIFY2(r.dropped[0].find("P9999") != std::string::npos, r.dropped[0].c_str());
        QCOMPARE(r.sent, std::size_t(1));
        QCOMPARE(outbox.size(), std::size_t(0));
        QCOMPARE(count(*project.store), std::int64_t(1));
    }

    void aForgottenJudgementIsNotSent()
    {
        QTemporaryDir dir;
        Project project = makeProject(dir);
        JudgementOutbox outbox(dir.path().toStdString() + "/outbox.sqlite");
        const Preference p = judgement(project.pairs[0], project.first, Choice::First);
        outbox.keep(p);
        QVERIFY(outbox.forget(p.clientId)); // undone before it was sent
        QVERIFY(!outbox.forget(p.clientId));
        QCOMPARE(outbox.send(*project.store).sent, std::size_t(0));
        QCOMPARE(count(*project.store), std::int64_t(0));
    }

    void anUnopenableOutboxSaysSo()
    {
        try {
            JudgementOutbox outbox("/nonexistent-folder/outbox.sqlite");
            QFAIL("opened an outbox in a folder that does not exist");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Io);
        }
    }
};

QTEST_GUILESS_MAIN(TestJudgementOutbox)
#include "tst_judgement_outbox.moc"
