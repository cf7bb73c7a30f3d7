// The shared store on PostgreSQL: URLs, open modes, the driver's SQL rewriting, cancellation, and one store
// scenario (import the sample, split, stats, judgements, edits, queue, scores, export) run on a project file and
// on a server project, whose results must be equal. The server is the throw-away cluster of the `pg_cluster`
// fixture; without one the server tests skip.
#include "core/util/error.h"
#include "db/export_project.h"
#include "db/import_files.h"
#include "db/judgement_edits.h"
#include "db/judgement_reader.h"
#include "db/model_score_store.h"
#include "db/pair_queue.h"
#include "db/postgres/postgres_url.h"
#include "db/project_store.h"
#include "db/sqlite/sqlite_migrations.h"
#include "db/store_access.h"
#include "tests/support/error_of.h"
#include "tests/support/pg_test_url.h"
#include "tests/support/test_files.h"

#ifdef RANKPO_WITH_POSTGRES
#include "db/postgres/postgres_connection.h"
#endif

#include <algorithm>
#include <chrono>
#include <sstream>
#include <thread>

using namespace rankpo;
using namespace rankpo::db;

namespace {

std::string reference(ProjectStore& store, const Preference& p)
{
    const auto job = store.job(p.jobId);
    const auto first = store.candidate(p.shownFirst);
    const auto second = store.candidate(p.shownSecond);
    return ProjectStore::jobReference(p.jobId, job ? job->externalId : "") + " | "
        + ProjectStore::candidateReference(p.shownFirst, first ? first->externalId : "") + " vs "
        + ProjectStore::candidateReference(p.shownSecond, second ? second->externalId : "");
}

std::string describe(ProjectStore& store, const Preference& p)
{
    std::ostringstream out;
    out << reference(store, p) << " " << toString(p.source) << ":" << p.annotator << " " << toString(p.choice) << " "
        << (p.confidence ? std::to_string(*p.confidence) : "-") << " " << p.createdAt << " " << p.rationale.size();
    return out.str();
}

std::string describe(const ProjectStats& s)
{
    std::ostringstream out;
    out << "jobs " << s.jobs << " candidates " << s.candidates << " pairs " << s.pairs << " unjudged " << s.pairsUnjudged
        << " ai " << s.preferencesAi << " human " << s.preferencesHuman << " ties " << s.ties << " labels "
        << s.labelsPositive << "/" << s.labelsNegative << " split " << s.trainJobs << "/" << s.testJobs << "/"
        << s.unassignedJobs << " schema " << s.schemaVersion;
    for (const auto& [name, n] : s.annotators)
        out << " " << name << "=" << n;
    return out.str();
}

std::string pairRefs(ProjectStore& store, const std::vector<PairId>& ids)
{
    std::string out;
    for (const auto& row : PairQueue(store).rows(ids, "tiny"))
        out += row.jobLabel + "/" + row.loLabel + "/" + row.hiLabel + ";";
    return out;
}

// Everything the scenario reads, as lines: the same on both engines, line for line.
std::vector<std::string> runScenario(ProjectStore& store, const QTemporaryDir& dir, const std::string& tag)
{
    std::vector<std::string> log;
    const auto report = importFiles(store, {test::sampleFile("annotated_pair_data-sample.jsonl"),
                                            test::sampleFile("train_data-sample.jsonl")}, {});
    log.push_back("imported " + std::to_string(report.files.size()) + " files");
    // A bad record among good ones with --skip-invalid: a savepoint per record, the rest kept.
    const std::string mixed = test::writeFile(
        dir, tag + "-mixed.jsonl",
        "{\"query\":\"Q new job\",\"passage1\":\"alpha\",\"passage2\":\"beta\",\"preferred\":\"A\",\"created\":1700000000}\n"
        "{\"query\":\"Q new job\",\"passage1\":\"alpha\",\"passage2\":\"gamma\",\"preferred\":\"X\"}\n"
        "{\"query\":\"Q new job\",\"passage1\":\"gamma\",\"passage2\":\"beta\",\"preferred\":\"B\",\"confidence_score\":40,\"created\":1700000001}\n");
    ImportOptions lenient;
    lenient.skipInvalid = true;
    const auto skipped = importFiles(store, {mixed}, lenient);
    log.push_back("skipped " + std::to_string(skipped.skipped.size()));
    // A second import of the same files adds nothing (content deduplication, the same unique constraints). It comes
    // last among the imports: a server's identity column spends a number on each conflicting insert, so ids of
    // texts added after it would differ between the stores (both are right; the references in exports would not
    // be equal).
    const auto again = importFiles(store, {test::sampleFile("annotated_pair_data-sample.jsonl")}, {});
    log.push_back("again " + std::to_string(again.counts.jobsAdded) + " " + std::to_string(again.counts.preferencesDuplicate));

    const auto split = store.assignSplit(0.25, 11);
    log.push_back("split " + std::to_string(split.train) + "/" + std::to_string(split.test));
    log.push_back(describe(store.stats()));
    for (const auto& p : store.preferences())
        log.push_back(describe(store, p));
    PreferenceFilter testOnly;
    testOnly.split = Split::Test;
    log.push_back("test preferences " + std::to_string(store.preferences(testOnly).size()));

    // Judgement edits: a person judges the first pair, then replaces it by a tie; an AI judgement is removed.
    const auto all = store.preferences();
    Preference mine = all.front();
    mine.source = PreferenceSource::Human;
    mine.annotator = "ana";
    mine.choice = Choice::Second;
    mine.confidence = 80;
    mine.rationale = "B's publications fit";
    JudgementEdits edits(store);
    const PreferenceId added = edits.add(mine);
    log.push_back("added " + std::string(added != 0 ? "yes" : "no") + ", again " + (edits.add(mine) != 0 ? "yes" : "no"));
    {
        WriteTransaction tx(store);
        edits.remove(added);
        mine.choice = Choice::Tie;
        edits.add(mine);
        tx.commit();
    }
    log.push_back("removed " + std::string(edits.remove(all.back().id) ? "yes" : "no") + ", again "
                  + (edits.remove(all.back().id) ? "yes" : "no"));
    for (const auto& p : JudgementReader(store).ofPair(mine.pairId))
        log.push_back("pair: " + describe(store, p));
    log.push_back(describe(store.stats()));
    log.push_back("annotators " + std::to_string(store.annotators().size()));

    // Model scores and the queue: uncertain first, searches (ASCII case ignored), filters.
    ModelScoreStore scores(store);
    const auto couples = scores.pairCandidates();
    std::vector<double> values;
    for (std::size_t i = 0; i < couples.size(); ++i)
        values.push_back(0.001 * static_cast<double>((i * 7919) % 1000) + 0.1);
    scores.replace("tiny", couples, values);
    scores.add("tiny", {couples.front()}, {0.123456789012345});
    log.push_back("score " + std::to_string(*scores.score("tiny", couples.front().job, couples.front().candidate)));
    log.push_back("models " + std::to_string(scores.models().size()));
    PairQueue queue(store);
    PairQueueQuery q;
    q.order = QueueOrder::UncertainFirst;
    q.scoreModel = "tiny";
    log.push_back("uncertain " + pairRefs(store, queue.select(q)));
    PairQueueQuery search;
    search.search = "POSTDOCTORAL";
    log.push_back("search " + pairRefs(store, queue.select(search)));
    search.search = "50%_";
    log.push_back("search escaped " + std::to_string(queue.select(search).size()));
    PairQueueQuery filters;
    filters.filters = NotJudgedByMe | LowAiConfidence;
    filters.annotator = "ana";
    filters.lowConfidenceBelow = 90;
    log.push_back("filtered " + pairRefs(store, queue.select(filters)));
    filters.filters = HumanAiDisagreement;
    log.push_back("disagreement " + pairRefs(store, queue.select(filters)));

    store.setInfo("note", "ünïcode ✓");
    log.push_back("info " + store.info("note"));
    log.push_back("find " + std::to_string(store.findJob("J1").has_value()) + std::to_string(store.findCandidate("nope").has_value()));

    // Every export format, byte for byte.
    for (const char* format : {"rankpo-pairs", "trl-dpo", "csv", "rankpo-contrastive", "trec-qrels"}) {
        ExportOptions options;
        options.format = *formatFromName(format);
        const std::string out = dir.path().toStdString() + "/" + tag + "." + format;
        const auto r = exportProject(store, out, options);
        log.push_back(std::string(format) + " rows " + std::to_string(r.rows) + "\n" + test::readFile(out));
    }
    ExportOptions unjudged;
    unjudged.unjudged = true;
    unjudged.filter.split = Split::Train;
    const std::string out = dir.path().toStdString() + "/" + tag + ".unjudged";
    exportProject(store, out, unjudged);
    log.push_back("unjudged\n" + test::readFile(out));
    return log;
}

} // namespace

class TestPostgresStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void urlsAreParsedAndShownWithoutPassword()
    {
        const auto u = parsePostgresUrl("postgresql://ana:s3cret@db.example:5433/team?sslmode=require&project=jobs_2025");
        QCOMPARE(u.project, std::string("jobs_2025"));
        QCOMPARE(u.conninfo, std::string("postgresql://ana:s3cret@db.example:5433/team?sslmode=require"));
        QCOMPARE(u.display, std::string("postgresql://ana@db.example:5433/team?sslmode=require&project=jobs_2025"));
        QCOMPARE(u.server, std::string("postgresql://ana@db.example:5433/team?sslmode=require"));
        const auto p = parsePostgresUrl("postgres:///local?password=x&project=p");
        QCOMPARE(p.display, std::string("postgres:///local?project=p"));
        QCOMPARE(p.conninfo, std::string("postgres:///local?password=x"));
        QCOMPARE(withoutPassword("postgresql://u:pw@h/d?project=a&password=pw"), std::string("postgresql://u@h/d?project=a"));
        QCOMPARE(withoutPassword("/tmp/a.rankpo"), std::string("/tmp/a.rankpo"));
        QVERIFY(isPostgresUrl("postgres://h/d") && isPostgresUrl("postgresql://h/d") && !isPostgresUrl("p.rankpo"));
    }

    void badUrlsAreUsageErrorsWithoutPassword_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no project") << "postgresql://u:pw@localhost/db" << "names no project";
        QTest::newRow("empty project") << "postgresql://u:pw@localhost/db?project=" << "names no project";
        QTest::newRow("upper case") << "postgresql://u:pw@localhost/db?project=Jobs" << "not an SQL identifier";
        QTest::newRow("quote") << "postgresql://u:pw@localhost/db?project=a%22b" << "not an SQL identifier";
        QTest::newRow("digit first") << "postgresql://u:pw@localhost/db?project=1a" << "not an SQL identifier";
        QTest::newRow("twice") << "postgresql://u:pw@localhost/db?project=a&project=b" << "twice";
    }
    void badUrlsAreUsageErrorsWithoutPassword()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        // The URL's own checks (built in every build), then the store's (a build without libpq refuses every URL).
        for (const bool throughStore : {false, true}) {
            try {
                if (throughStore)
                    ProjectStore::open(url.toStdString());
                else
                    parsePostgresUrl(url.toStdString());
                QFAIL("accepted");
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::Usage);
#ifndef RANKPO_WITH_POSTGRES
                if (throughStore)
                    expected = "this build has no PostgreSQL support";
#endif
                QVERIFY2(QString(e.what()).contains(expected), e.what());
                QVERIFY2(!QString(e.what()).contains("pw"), e.what());
            }
        }
    }

#ifdef RANKPO_WITH_POSTGRES
    void parametersAreNumberedOutsideLiterals()
    {
        int n = 0;
        QCOMPARE(numberedParameters("SELECT ? , ?", &n), std::string("SELECT $1 , $2"));
        QCOMPARE(n, 2);
        QCOMPARE(numberedParameters("a = ?3 OR b = ?3 AND c = ?", &n), std::string("a = $3 OR b = $3 AND c = $4"));
        QCOMPARE(n, 4);
        QCOMPARE(numberedParameters("x = '?' AND \"we?rd\" = ? -- why?\n AND y = ? /* ? */", &n),
                 std::string("x = '?' AND \"we?rd\" = $1 -- why?\n AND y = $2 /* ? */"));
        QCOMPARE(numberedParameters("x LIKE ? ESCAPE '\\' AND t = 'it''s ?' AND u = ?", &n),
                 std::string("x LIKE $1 ESCAPE '\\' AND t = 'it''s ?' AND u = $2"));
        QCOMPARE(n, 2);
    }
#else
    void urlsNeedAPostgresBuild()
    {
        const QString message = test::errorOf([] { ProjectStore::open("postgresql://u:pw@h/d?project=p"); });
        QVERIFY2(message.contains("this build has no PostgreSQL support"), qPrintable(message));
        QVERIFY(!message.contains("pw"));
    }
#endif

    void missingProjectsAndCreateTwiceAreRefused()
    {
        RANKPO_REQUIRE_PG_CLUSTER(base);
        const std::string url = test::pgProjectUrl(base, "modes");
        try {
            ProjectStore::open(url);
            QFAIL("opened a missing project");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Usage);
            QVERIFY2(QString(e.what()).contains("no project modes_"), e.what());
            QVERIFY2(QString(e.what()).contains(" at " + QString::fromStdString(base)), e.what());
        }
        QVERIFY(test::errorOf([&] { ProjectStore::open(url, ProjectStore::OpenMode::ReadOnly); }).contains("no project"));
        {
            auto store = ProjectStore::open(url, ProjectStore::OpenMode::Create);
            QCOMPARE(store->path(), url);
            QCOMPARE(store->stats().schemaVersion, latestSchemaVersion()); // the same migrations as a file's
            QVERIFY(!store->info("created").empty());
            QVERIFY(!store->inTransaction());
        }
        QVERIFY(test::errorOf([&] { ProjectStore::open(url, ProjectStore::OpenMode::Create); }).contains("already exists"));
        auto again = ProjectStore::open(url, ProjectStore::OpenMode::OpenExisting, true);
        again->checkIntegrity();
        again->checkpoint();
        auto reader = ProjectStore::open(url, ProjectStore::OpenMode::ReadOnly);
        QCOMPARE(reader->stats().jobs, std::int64_t(0));
        // A reader's writes are refused by the server, with the URL in the message.
        const QString refused = test::errorOf([&] { reader->setInfo("k", "v"); });
        QVERIFY2(refused.contains("read-only") && refused.contains(QString::fromStdString(url)), qPrintable(refused));
        QCOMPARE(again->info("k"), std::string());
    }

    void aSchemaOfOtherTablesIsNotAProject()
    {
        RANKPO_REQUIRE_PG_CLUSTER(base);
        const std::string url = test::pgProjectUrl(base, "other");
        const std::string helper = test::pgProjectUrl(base, "helper");
        auto store = ProjectStore::open(helper, ProjectStore::OpenMode::Create);
        const std::string schema = url.substr(url.find("project=") + 8);
        connectionOf(*store).exec("CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".t(x INT)");
        const QString message = test::errorOf([&] { ProjectStore::open(url, ProjectStore::OpenMode::OpenOrCreate); });
        QVERIFY2(message.contains("not a RankPO project"), qPrintable(message));
        QVERIFY(test::errorOf([&] { ProjectStore::open(url, ProjectStore::OpenMode::Create); }).contains("already exists"));
    }

    void aPasswordNeverShows()
    {
        RANKPO_REQUIRE_PG_CLUSTER(base);
        // The test cluster trusts local connections, so any password is accepted and ignored.
        std::string withPassword = base;
        withPassword.insert(withPassword.find('@'), ":hunter2");
        const std::string url = test::pgProjectUrl(withPassword, "secret");
        auto store = ProjectStore::open(url, ProjectStore::OpenMode::Create);
        QVERIFY(store->path().find("hunter2") == std::string::npos);
        QVERIFY(store->path().find("?project=secret_") != std::string::npos);
        const QString message = test::errorOf([&] { connectionOf(*store).exec("SELECT no_such_column FROM jobs"); });
        QVERIFY2(message.contains("no_such_column") && !message.contains("hunter2"), qPrintable(message));
        QVERIFY(!store->inTransaction());
        QVERIFY(test::errorOf([] { ProjectStore::open("postgresql://u:hunter2@127.0.0.1:1/d?project=p"); }).indexOf("hunter2") < 0);
    }

    void aFailedStatementRollsTheTransactionBack()
    {
        RANKPO_REQUIRE_PG_CLUSTER(base);
        auto store = ProjectStore::open(test::pgProjectUrl(base, "tx"), ProjectStore::OpenMode::Create);
        auto& db = connectionOf(*store);
        {
            Transaction tx(db);
            db.prepare("INSERT INTO project_info(key, value) VALUES (?, ?)").bind(1, "a").bind(2, "1").run();
            QVERIFY(!test::errorOf([&] { db.exec("INSERT INTO project_info(key, value) VALUES ('b', NULL)"); }).isEmpty());
            QVERIFY(test::errorOf([&] { tx.commit(); }).contains("nothing was written"));
        }
        QVERIFY(!db.inTransaction());
        QCOMPARE(store->info("a"), std::string());
        // The usual path still works after it.
        store->setInfo("a", "2");
        QCOMPARE(store->info("a"), std::string("2"));
    }

    void aRunningStatementIsCancelled()
    {
        RANKPO_REQUIRE_PG_CLUSTER(base);
        auto store = ProjectStore::open(test::pgProjectUrl(base, "cancel"), ProjectStore::OpenMode::Create);
        auto& db = connectionOf(*store);
        std::atomic<bool> cancel{false};
        std::thread flip([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            cancel = true;
        });
        const auto started = std::chrono::steady_clock::now();
        ErrorKind kind = ErrorKind::Data;
        try {
            InterruptScope scope(db, &cancel);
            db.prepare("SELECT pg_sleep(20)").run();
        } catch (const Error& e) {
            kind = e.kind();
        }
        flip.join();
        QCOMPARE(kind, ErrorKind::Cancelled);
        QVERIFY(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
        QCOMPARE(store->stats().jobs, std::int64_t(0)); // the connection is usable afterwards
    }

    void valuesRoundTrip()
    {
        RANKPO_REQUIRE_PG_CLUSTER(base);
        auto store = ProjectStore::open(test::pgProjectUrl(base, "values"), ProjectStore::OpenMode::Create);
        auto& db = connectionOf(*store);
        const std::string blob("\0\x01\xff\x7f\\x00'", 8);
        auto st = db.prepare("SELECT CAST(? AS BIGINT), CAST(? AS DOUBLE PRECISION), CAST(? AS TEXT), CAST(? AS BYTEA), "
                             "CAST(? AS TEXT), CAST(? AS BIGINT) = ?");
        st.bind(1, std::int64_t(-9007199254740993)).bind(2, 0.1 + 0.2).bind(3, std::string("a'b\"c?")).bindBlob(4, blob.data(), blob.size());
        st.bindNull(5).bind(6, 3).bind(7, 3);
        QVERIFY(st.step());
        QCOMPARE(st.int64(0), std::int64_t(-9007199254740993));
        QCOMPARE(st.real(1), 0.1 + 0.2);
        QCOMPARE(st.text(2), std::string("a'b\"c?"));
        QCOMPARE(st.blob(3), blob);
        QVERIFY(st.isNull(4));
        QCOMPARE(st.int64(5), std::int64_t(1));
        QVERIFY(!st.step());
        // Stepping a finished statement runs it again, as SQLite does.
        QVERIFY(st.step());
        st.reset();
        QVERIFY(test::errorOf([&] { st.bind(8, 1); }).contains("out of range"));
        db.exec("INSERT INTO project_info(key, value) VALUES ('x', '1'), ('y', '2')");
        QCOMPARE(db.changes(), std::int64_t(2));
        db.prepare("SELECT count(*) FROM project_info").run();
        QCOMPARE(db.changes(), std::int64_t(2)); // a SELECT changes nothing
    }

    void theScenarioGivesTheSameResultsOnBothStores()
    {
        RANKPO_REQUIRE_PG_CLUSTER(base);
        QTemporaryDir dir;
        auto file = ProjectStore::open(dir.path().toStdString() + "/p.rankpo", ProjectStore::OpenMode::Create);
        auto server = ProjectStore::open(test::pgProjectUrl(base, "scenario"), ProjectStore::OpenMode::Create);
        const auto a = runScenario(*file, dir, "file");
        const auto b = runScenario(*server, dir, "server");
        QCOMPARE(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (a[i] != b[i])
                QFAIL(qPrintable(QString("line %1 differs:\nfile:   %2\nserver: %3")
                                     .arg(i)
                                     .arg(QString::fromStdString(a[i].substr(0, 600)))
                                     .arg(QString::fromStdString(b[i].substr(0, 600)))));
        }
        QVERIFY(a.size() > 100);
        // The lines compared say something: the queue found pairs, the searches matched across case.
        auto line = [&](const std::string& prefix) {
            for (const auto& l : a) {
                if (l.rfind(prefix, 0) == 0)
                    return l.substr(prefix.size());
            }
            return std::string();
        };
        const std::string uncertain = line("uncertain ");
        QCOMPARE(std::count(uncertain.begin(), uncertain.end(), ';'), std::ptrdiff_t(102));
        QVERIFY2(!line("search ").empty(), "the case-insensitive search found nothing");
        QCOMPARE(line("search escaped "), std::string("0"));
        QVERIFY(!line("filtered ").empty());
        QVERIFY(!line("disagreement ").empty());
        QCOMPARE(line("info "), std::string("ünïcode ✓"));
        QVERIFY2(a[4].find("jobs 111 candidates 321 pairs 102") != std::string::npos, a[4].c_str());
        QCOMPARE(a[1], std::string("skipped 1"));
        QCOMPARE(a[2], std::string("again 0 100"));
    }
};

QTEST_GUILESS_MAIN(TestPostgresStore)
#include "tst_postgres_store.moc"
