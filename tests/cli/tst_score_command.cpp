// rankpo score as a user runs it: the tiny model scores every pair's candidates into model_scores, JSON
// counts, a second run from the embedding cache, and a usage error for an unknown model.
#include "db/project_store.h"
#include "db/store_access.h"
#include "db/project_writer.h"
#include "tests/cli/cli_runner.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>

using rankpo::test::runRankpo;

class TestScoreCommand : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_project;
    const QString kTiny = QStringLiteral(RANKPO_SOURCE_DIR "/tests/reference/tiny-cls-bert");

private Q_SLOTS:
    void initTestCase()
    {
        m_project = m_dir.filePath("score.rankpo");
        auto store = rankpo::db::ProjectStore::open(m_project.toStdString(), rankpo::db::ProjectStore::OpenMode::Create);
        rankpo::db::Transaction tx(rankpo::db::connectionOf(*store));
        rankpo::db::ProjectWriter w(*store);
        const auto job = w.addJob("postdoc in protein folding");
        const auto a = w.addCandidate("protein folding and structure");
        const auto b = w.addCandidate("ocean climate models");
        const auto c = w.addCandidate("graph theory");
        w.addPair(job, a, b);
        w.addPair(job, b, c);
        tx.commit();
    }

    void scoresEveryPairedCandidate()
    {
        const auto r = runRankpo({"score", m_project, "--model", kTiny, "--as", "tiny", "--device", "cpu", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto j = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(j["model"].get<std::string>(), std::string("tiny"));
        QCOMPARE(j["pairs"].get<int>(), 2);
        QCOMPARE(j["scores"].get<int>(), 3);
        QCOMPARE(j["embeddings"]["encoded"].get<int>(), 4);
        auto store = rankpo::db::ProjectStore::open(m_project.toStdString());
        auto st = rankpo::db::connectionOf(*store).prepare("SELECT count(*), min(score), max(score) FROM model_scores WHERE model = 'tiny'");
        QVERIFY(st.step());
        QCOMPARE(st.int64(0), std::int64_t(3));
        QVERIFY(st.real(1) >= -1.0001 && st.real(2) <= 1.0001);

        const auto again = runRankpo({"score", m_project, "--model", kTiny, "--as", "tiny", "--device", "cpu", "--json"});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(nlohmann::json::parse(again.out.toStdString())["embeddings"]["cached"].get<int>(), 4);
    }

    void unknownModelIsAUsageError()
    {
        const auto r = runRankpo({"score", m_project, "--model", "no-such-model"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("no-such-model"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestScoreCommand)
#include "tst_score_command.moc"
