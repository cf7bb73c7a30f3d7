// A server that restarts under load: several writers (threads, each with its own connection, as several apps) make
// N judgements, each with its own client id, retrying on StoreUnavailable, while the test stops the server
// (pg_ctl -m fast, clients cut off) and starts it again. At the end exactly N are stored, none twice: the
// connection reconnects by itself, and a retry after a lost reply is stored once thanks to the client id.
// Runs on a throw-away cluster of its own (pg_test_cluster.sh into a temporary folder), so that the restart
// disturbs no other test; skips without server binaries.
#include "core/util/client_id.h"
#include "db/judgement_edits.h"
#include "db/judgement_outbox.h"
#include "db/project_store.h"
#include "db/project_writer.h"
#include "db/sql/connection.h"
#include "db/store_access.h"
#include "db/store_unavailable.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <stdexcept>
#include <thread>

using namespace rankpo;
using namespace rankpo::db;

namespace {

const QString kScript = QStringLiteral(RANKPO_SOURCE_DIR "/tests/support/pg_test_cluster.sh");

bool cluster(const QString& action, const QString& dir)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("bash"), {kScript, action, dir});
    if (!p.waitForFinished(90000)) {
        p.kill();
        return false;
    }
    if (p.exitCode() != 0)
        qWarning("%s %s: %s", qPrintable(kScript), qPrintable(action), p.readAll().constData());
    return p.exitCode() == 0;
}

struct ClusterGuard {
    QString dir;
    ~ClusterGuard() { cluster(QStringLiteral("stop"), dir); }
};

std::int64_t scalar(ProjectStore& store, const char* sql)
{
    auto st = connectionOf(store).prepare(sql);
    return st.step() ? st.int64(0) : -1;
}

} // namespace

class TestPostgresRestart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void judgementsSurviveARestartOnceEach()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ClusterGuard guard{dir.path()};
        QVERIFY(cluster(QStringLiteral("start"), dir.path()));
        std::string base;
        std::getline(std::ifstream(dir.path().toStdString() + "/pg_test_cluster.url"), base);
        if (base.empty())
            QSKIP("no PostgreSQL server binaries (pg_test_cluster.sh started no cluster)");
        // connect_timeout: a writer's reconnect while the server is down fails at once on 127.0.0.1 anyway.
        const std::string url = base + "?connect_timeout=2&project=restart";

        constexpr int kWriters = 4;
        constexpr int kPairs = 60;
        constexpr int kTotal = kWriters * kPairs;
        std::vector<PairId> pairs;
        {
            auto store = ProjectStore::open(url, ProjectStore::OpenMode::Create);
            WriteTransaction tx(*store);
            ProjectWriter w(*store);
            const JobId job = w.addJob("Research engineer, speech recognition", "job-1");
            std::vector<CandidateId> c;
            for (int i = 0; i < 12; ++i)
                c.push_back(w.addCandidate("<keyword>topic " + std::to_string(i) + "</keyword>", "c" + std::to_string(i)));
            for (int i = 0; i < 12 && static_cast<int>(pairs.size()) < kPairs; ++i)
                for (int j = i + 1; j < 12 && static_cast<int>(pairs.size()) < kPairs; ++j)
                    pairs.push_back(w.addPair(job, c[i], c[j]));
            tx.commit();
        }
        QCOMPARE(static_cast<int>(pairs.size()), kPairs);
        std::map<PairId, CandidateId> pairFirst;
        {
            auto store = ProjectStore::open(url, ProjectStore::OpenMode::OpenExisting);
            auto st = connectionOf(*store).prepare("SELECT id, candidate_lo FROM pairs");
            while (st.step())
                pairFirst[st.int64(0)] = st.int64(1);
        }

        std::atomic<int> done{0}, retries{0}, failures{0};
        std::atomic<bool> restarted{false};
        std::vector<std::string> errors(kWriters);
        std::vector<std::thread> writers;
        QElapsedTimer clock;
        clock.start();
        for (int w = 0; w < kWriters; ++w) {
            writers.emplace_back([&, w] {
                try {
                    auto store = ProjectStore::open(url, ProjectStore::OpenMode::OpenExisting);
                    // Prepared once, before the restart: after it, the connection prepares it again on its own.
                    auto st = connectionOf(*store).prepare("SELECT candidate_lo FROM pairs WHERE id = ?");
                    for (int i = 0; i < kPairs; ++i) {
                        // Half before the restart (and through it), half after: the load spans the downtime.
                        while (i == kPairs / 2 && !restarted.load() && clock.elapsed() < 20000)
                            std::this_thread::sleep_for(std::chrono::milliseconds(10));
                        Preference p;
                        p.pairId = pairs[static_cast<std::size_t>(i)];
                        p.source = PreferenceSource::Human;
                        p.annotator = "writer" + std::to_string(w);
                        p.shownFirst = 0;
                        p.choice = (i + w) % 3 == 0 ? Choice::Tie : Choice::First;
                        p.createdAt = 100 + i;
                        p.clientId = newClientId();
                        for (;;) {
                            try {
                                if (p.shownFirst == 0) {
                                    st.bind(1, p.pairId);
                                    if (!st.step())
                                        throw std::runtime_error("no pair " + std::to_string(p.pairId));
                                    p.shownFirst = st.int64(0);
                                    st.reset();
                                }
                                JudgementEdits(*store).replace(p);
                                break;
                            } catch (const StoreUnavailable&) {
                                ++retries; // the same judgement, the same client id: stored once however this ends
                                if (clock.elapsed() > 30000)
                                    throw;
                                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                            }
                        }
                        ++done;
                        std::this_thread::sleep_for(std::chrono::milliseconds(15));
                    }
                } catch (const std::exception& e) {
                    errors[static_cast<std::size_t>(w)] = e.what();
                    ++failures;
                }
            });
        }
        // One more writer goes through the outbox, as the app does: it never waits for the server, it keeps what
        // cannot be sent and sends it (in order, once each) on its next judgement.
        std::size_t outboxKeptMost = 0, outboxLeft = 0;
        std::string outboxError;
        std::thread outboxWriter([&] {
            try {
                JudgementOutbox outbox(dir.path().toStdString() + "/" + outboxFileName(base + "?project=restart"));
                auto store = ProjectStore::open(url, ProjectStore::OpenMode::OpenExisting);
                for (int i = 0; i < kPairs; ++i) {
                    while (i == kPairs / 2 && !restarted.load() && clock.elapsed() < 20000)
                        std::this_thread::sleep_for(std::chrono::milliseconds(10));
                    Preference p;
                    p.pairId = pairs[static_cast<std::size_t>(i)];
                    p.source = PreferenceSource::Human;
                    p.annotator = "outbox";
                    p.shownFirst = 0;
                    p.choice = Choice::Second;
                    p.createdAt = 100 + i;
                    p.clientId = newClientId();
                    p.shownFirst = pairFirst.at(p.pairId);
                    const OutboxReport r = outbox.record(*store, p);
                    if (!r.dropped.empty())
                        throw std::runtime_error("dropped: " + r.dropped.front());
                    outboxKeptMost = std::max(outboxKeptMost, r.kept);
                    std::this_thread::sleep_for(std::chrono::milliseconds(15));
                }
                for (int attempt = 0; attempt < 100 && outbox.size() > 0; ++attempt) {
                    outbox.send(*store);
                    std::this_thread::sleep_for(std::chrono::milliseconds(50));
                }
                outboxLeft = outbox.size();
            } catch (const std::exception& e) {
                outboxError = e.what();
            }
        });
        while (done.load() < kTotal / 5 && failures.load() == 0 && clock.elapsed() < 20000)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        const int doneBeforeStop = done.load();
        QElapsedTimer downtime;
        downtime.start();
        const bool stopped = cluster(QStringLiteral("stop-server"), dir.path());
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        const bool startedAgain = cluster(QStringLiteral("start-server"), dir.path());
        const qint64 downMs = downtime.elapsed();
        restarted = true;
        for (auto& t : writers)
            t.join();
        outboxWriter.join();
        QVERIFY(stopped);
        QVERIFY(startedAgain);
        for (const auto& e : errors)
            QVERIFY2(e.empty(), e.c_str());
        QCOMPARE(done.load(), kTotal);
        QVERIFY2(outboxError.empty(), outboxError.c_str());
        QCOMPARE(outboxLeft, std::size_t(0));
        qInfo("%d judgements by %d writers, %d stored before the stop; server down %lld ms; %d retries; the outbox "
              "writer's %d judgements, at most %zu kept at once; %lld ms in all",
              kTotal, kWriters, doneBeforeStop, static_cast<long long>(downMs), retries.load(), kPairs, outboxKeptMost,
              static_cast<long long>(clock.elapsed()));
        QVERIFY2(retries.load() > 0, "the restart should have cut some writer off");
        QVERIFY2(outboxKeptMost > 0, "the outbox writer should have kept judgements while the server was down");

        auto store = ProjectStore::open(url, ProjectStore::OpenMode::OpenExisting);
        constexpr std::int64_t kStored = kTotal + kPairs;
        QCOMPARE(scalar(*store, "SELECT count(*) FROM preferences"), kStored);
        QCOMPARE(scalar(*store, "SELECT count(DISTINCT client_id) FROM preferences"), kStored);
        QCOMPARE(scalar(*store, "SELECT count(*) FROM (SELECT pair_id, annotator FROM preferences "
                                "GROUP BY pair_id, annotator) AS judged"),
                 kStored);
        QCOMPARE(scalar(*store, "SELECT count(*) FROM preferences WHERE annotator = 'outbox'"), std::int64_t(kPairs));

        // A retry after a lost reply: the same client id again stores nothing and succeeds.
        auto st = connectionOf(*store).prepare("SELECT pair_id, annotator, shown_first, choice, client_id FROM "
                                               "preferences ORDER BY id LIMIT 1");
        QVERIFY(st.step());
        Preference again;
        again.pairId = st.int64(0);
        again.source = PreferenceSource::Human;
        again.annotator = st.text(1);
        again.shownFirst = st.int64(2);
        again.choice = Choice::Second; // even a different choice: the id says it is the same judgement
        again.clientId = st.text(4);
        st.reset();
        const RecordedJudgement r = JudgementEdits(*store).replace(again);
        QVERIFY(r.alreadyStored);
        QCOMPARE(scalar(*store, "SELECT count(*) FROM preferences"), kStored);
    }
};

QTEST_GUILESS_MAIN(TestPostgresRestart)
#include "tst_postgres_restart.moc"
