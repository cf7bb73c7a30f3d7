// Eight annotators at once, each a stream of `rankpo annotate` processes on the same project: all 400 judgements
// are stored, exactly once each, and a repeat of one replaces it rather than adding a second.
#include "cli_runner.h"
#include "db/project_store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <vector>

using namespace rankpo;
using rankpo::test::runRankpo;

namespace {

constexpr int kWriters = 8;
constexpr int kPerWriter = 50;

// One writer: a shell loop of annotate calls (each its own process and transaction), as a script would run them.
std::unique_ptr<QProcess> startWriter(const QString& project, int writer)
{
    QString script = QStringLiteral("set -e; for p in $(seq 1 %1); do \"%2\" annotate \"%3\" --pair P$p --choice %4 "
                                    "--annotator writer%5 >/dev/null; done")
                         .arg(kPerWriter)
                         .arg(QStringLiteral(RANKPO_BINARY_DIR "/bin/rankpo"), project)
                         .arg(writer % 2 ? "A" : "B")
                         .arg(writer);
    auto process = std::make_unique<QProcess>();
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->start(QStringLiteral("bash"), {QStringLiteral("-c"), script});
    return process;
}

} // namespace

class TestConcurrentAnnotators : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void eightWritersFourHundredJudgements()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath("team.rankpo");
        const auto made = runRankpo({"demo-data", project, "--jobs", "10", "--candidates", "40", "--pairs",
                                     QString::number(kPerWriter)});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        const auto before = QJsonDocument::fromJson(runRankpo({"stats", project, "--json"}).out.toUtf8()).object();
        const int human = before["preferences"].toObject()["human"].toInt();

        std::vector<std::unique_ptr<QProcess>> writers;
        for (int w = 0; w < kWriters; ++w)
            writers.push_back(startWriter(project, w));
        for (auto& w : writers) {
            QVERIFY(w->waitForFinished(240000));
            QVERIFY2(w->exitStatus() == QProcess::NormalExit && w->exitCode() == 0, w->readAll().constData());
        }

        auto store = db::ProjectStore::open(project.toStdString());
        const auto stats = store->stats();
        QCOMPARE(stats.preferencesHuman, std::int64_t(human + kWriters * kPerWriter));
        for (int w = 0; w < kWriters; ++w)
            QCOMPARE(stats.annotators.at("human:writer" + std::to_string(w)), std::int64_t(kPerWriter));

        // A retry of a judgement already made stores it once.
        QCOMPARE(runRankpo({"annotate", project, "--pair", "P1", "--choice", "B", "--annotator", "writer0"}).exitCode, 0);
        QCOMPARE(db::ProjectStore::open(project.toStdString())->stats().preferencesHuman,
                 std::int64_t(human + kWriters * kPerWriter));
    }
};

QTEST_GUILESS_MAIN(TestConcurrentAnnotators)
#include "tst_concurrent_annotators.moc"
