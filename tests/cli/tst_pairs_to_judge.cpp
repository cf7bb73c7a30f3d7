// Pairs waiting for judgement through files: the sample's passage_rank1/passage_rank2, response and usage kept
// and written back; rankpo-pairs and CSV rows without `preferred` imported with --allow-unjudged (an error without
// it); `rankpo export --unjudged` and its usage errors; `rankpo stats --json` pairs_unjudged.
#include "db/project_store.h"
#include "db/store_access.h"
#include "tests/cli/cli_runner.h"
#include "tests/support/test_files.h"

#include <nlohmann/json.hpp>

#include <fstream>

using rankpo::test::runRankpo;

namespace {

std::vector<nlohmann::json> jsonLines(const QString& path)
{
    std::ifstream in(path.toStdString());
    std::vector<nlohmann::json> out;
    std::string line;
    while (std::getline(in, line))
        if (!line.empty())
            out.push_back(nlohmann::json::parse(line));
    return out;
}

nlohmann::json stats(const QString& project)
{
    return nlohmann::json::parse(runRankpo({"stats", project, "--json"}).out.toStdString());
}

} // namespace

class TestPairsToJudge : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString path(const char* name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void sampleRanksResponseAndUsageRoundTrip()
    {
        const QString sample = QString::fromStdString(rankpo::test::sampleFile("annotated_pair_data-sample.jsonl"));
        const QString project = path("sample.rankpo");
        QCOMPARE(runRankpo({"import", project, "--create", sample}).exitCode, 0);
        QCOMPARE(stats(project)["pairs_unjudged"].get<int>(), 0);
        QCOMPARE(runRankpo({"export", project, path("out.jsonl"), "--format", "rankpo-pairs"}).exitCode, 0);
        const auto original = jsonLines(sample);
        const auto exported = jsonLines(path("out.jsonl"));
        QCOMPARE(exported.size(), original.size());
        for (std::size_t i = 0; i < original.size(); ++i) {
            QCOMPARE(exported[i]["passage_rank1"], original[i]["passage_rank1"]);
            QCOMPARE(exported[i]["passage_rank2"], original[i]["passage_rank2"]);
            QCOMPARE(exported[i]["response"], original[i]["response"]);
            QCOMPARE(exported[i]["usage"], original[i]["usage"]);
        }
        auto store = rankpo::db::ProjectStore::open(project.toStdString());
        auto st = rankpo::db::connectionOf(*store).prepare(
            "SELECT count(*) FROM pairs WHERE strategy = 'import' AND rank_lo IS NOT NULL AND rank_hi IS NOT NULL");
        QVERIFY(st.step());
        QCOMPARE(st.int64(0), std::int64_t(100));
    }

    void unjudgedRowsInAndOut()
    {
        const std::string rows =
            "{\"query\": \"Lecturer in optics\", \"query_id\": \"J1\", \"passage1\": \"Lasers and lenses\", "
            "\"passage2\": \"Medieval poetry\", \"passage_id1\": \"C1\", \"passage_id2\": \"C2\", \"passage_rank1\": 3, "
            "\"passage_rank2\": 1, \"made_by\": \"all-MiniLM-L6-v2\", \"strategy\": \"paper\"}\n"
            "{\"query\": \"Lecturer in optics\", \"query_id\": \"J1\", \"passage1\": \"Lasers and lenses\", "
            "\"passage2\": \"Quantum dots\", \"passage_id1\": \"C1\", \"passage_id2\": \"C3\", \"preferred\": \"B\"}\n";
        QTemporaryDir dir;
        const QString file = QString::fromStdString(rankpo::test::writeFile(dir, "pairs.jsonl", rows));
        const QString project = path("unjudged.rankpo");
        const auto strict = runRankpo({"import", project, "--create", file});
        QCOMPARE(strict.exitCode, 1);
        QVERIFY2(strict.err.contains("pairs.jsonl:1") && strict.err.contains("--allow-unjudged"), qPrintable(strict.err));
        const auto r = runRankpo({"import", project, "--create", file, "--allow-unjudged"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto s = stats(project);
        QCOMPARE(s["pairs"].get<int>(), 2);
        QCOMPARE(s["pairs_unjudged"].get<int>(), 1);

        QCOMPARE(runRankpo({"export", project, path("todo.jsonl"), "--format", "rankpo-pairs", "--unjudged"}).exitCode, 0);
        const auto todo = jsonLines(path("todo.jsonl"));
        QCOMPARE(todo.size(), std::size_t(1));
        QVERIFY(!todo[0].contains("preferred"));
        QCOMPARE(todo[0]["passage_id1"].get<std::string>(), std::string("C1"));
        QCOMPARE(todo[0]["passage_rank1"].get<int>(), 3);
        QCOMPARE(todo[0]["passage_rank2"].get<int>(), 1);
        QCOMPARE(todo[0]["made_by"].get<std::string>(), std::string("all-MiniLM-L6-v2"));
        QCOMPARE(todo[0]["strategy"].get<std::string>(), std::string("paper"));
        QCOMPARE(runRankpo({"export", project, path("todo.csv"), "--format", "csv", "--unjudged", "--split", "all"}).exitCode, 0);
        const std::string csv = rankpo::test::readFile(path("todo.csv").toStdString());
        QVERIFY2(csv.find("Medieval poetry") != std::string::npos && csv.find("Quantum dots") == std::string::npos, csv.c_str());

        // Both read back into a new project as pairs to judge.
        const QString again = path("again.rankpo");
        QCOMPARE(runRankpo({"import", again, "--create", path("todo.jsonl"), "--allow-unjudged"}).exitCode, 0);
        QCOMPARE(runRankpo({"import", again, path("todo.csv"), "--allow-unjudged"}).exitCode, 0);
        QCOMPARE(runRankpo({"import", path("strict.rankpo"), "--create", path("todo.csv")}).exitCode, 1);
        const auto a = stats(again);
        QCOMPARE(a["pairs"].get<int>(), 1);
        QCOMPARE(a["pairs_unjudged"].get<int>(), 1);

        for (const QStringList& bad : {QStringList{"--format", "trl-dpo", "--unjudged"},
                                       QStringList{"--format", "rankpo-pairs", "--unjudged", "--source", "ai"},
                                       QStringList{"--format", "rankpo-pairs", "--unjudged", "--policy", "latest"},
                                       QStringList{"--format", "csv", "--unjudged", "--ties", "half"},
                                       QStringList{"--format", "csv", "--unjudged", "--annotator", "x"}})
            QCOMPARE(runRankpo(QStringList{"export", project, path("x.out")} + bad).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestPairsToJudge)
#include "tst_pairs_to_judge.moc"
