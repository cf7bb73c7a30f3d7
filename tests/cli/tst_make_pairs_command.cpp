// rankpo make-pairs as a user runs it: the tiny model ranks 8 candidates for 3 jobs; pairs drawn per strategy
// with ranks and scores stored, never made twice, the same seed giving the same pairs, --dry-run writing nothing,
// a project with one candidate naming its jobs as skipped, and the usage errors.
#include "db/project_store.h"
#include "db/project_writer.h"
#include "db/store_access.h"
#include "tests/cli/cli_runner.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>

#include <set>
#include <tuple>

using rankpo::test::runRankpo;

namespace {

using PairRow = std::tuple<std::int64_t, std::int64_t, std::int64_t, std::string, std::string, std::int64_t, std::int64_t>;

std::vector<PairRow> pairRows(const QString& project)
{
    auto store = rankpo::db::ProjectStore::open(project.toStdString());
    auto st = rankpo::db::connectionOf(*store).prepare(
        "SELECT job_id, candidate_lo, candidate_hi, coalesce(made_by, ''), coalesce(strategy, ''), "
        "coalesce(rank_lo, 0), coalesce(rank_hi, 0) FROM pairs ORDER BY id");
    std::vector<PairRow> out;
    while (st.step())
        out.emplace_back(st.int64(0), st.int64(1), st.int64(2), std::string(st.textView(3)), std::string(st.textView(4)),
                         st.int64(5), st.int64(6));
    return out;
}

void fill(const QString& project, int candidates)
{
    auto store = rankpo::db::ProjectStore::open(project.toStdString(), rankpo::db::ProjectStore::OpenMode::Create);
    rankpo::db::Transaction tx(rankpo::db::connectionOf(*store));
    rankpo::db::ProjectWriter w(*store);
    w.addJob("postdoc in protein folding", "J-protein");
    w.addJob("lecturer in ocean physics", "J-ocean");
    w.addJob("professor of graph theory", "J-graph");
    const char* texts[] = {"protein folding and structure", "ocean climate models", "graph theory and combinatorics",
                           "machine learning for proteins", "sea ice and ocean currents", "random graphs",
                           "medieval history", "organic chemistry synthesis"};
    for (int i = 0; i < candidates; ++i)
        w.addCandidate(texts[i], "C-" + std::to_string(i));
    tx.commit();
}

} // namespace

class TestMakePairsCommand : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    const QString kTiny = QStringLiteral(RANKPO_SOURCE_DIR "/tests/reference/tiny-cls-bert");

    QStringList args(const QString& project, QStringList more)
    {
        return QStringList{"make-pairs", project, "--model", kTiny, "--device", "cpu"} + more;
    }

private Q_SLOTS:
    void drawsPairsWithRanksAndNeverTwice()
    {
        const QString project = m_dir.filePath("pairs.rankpo");
        fill(project, 8);
        const auto dry = runRankpo(args(project, {"--per-job", "4", "--top", "6", "--dry-run", "--json"}));
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        const auto d = nlohmann::json::parse(dry.out.toStdString());
        QCOMPARE(d["pairs_drawn"].get<int>(), 12);
        QCOMPARE(d["pairs_added"].get<int>(), 0);
        QCOMPARE(d["candidates"].get<int>(), 8);
        QVERIFY(pairRows(project).empty());
        for (const auto& p : d["pairs"]) {
            QVERIFY(p["rank_a"].get<int>() >= 1 && p["rank_a"].get<int>() <= 6);
            QVERIFY(p["rank_b"].get<int>() >= 1 && p["rank_b"].get<int>() <= 6);
            QVERIFY(p["rank_a"] != p["rank_b"]);
        }

        const auto made = runRankpo(args(project, {"--per-job", "4", "--top", "6", "--json"}));
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        const auto m = nlohmann::json::parse(made.out.toStdString());
        QCOMPARE(m["pairs_added"].get<int>(), 12);
        // The same seed draws the same pairs as the dry run did.
        QCOMPARE(m["pairs"], d["pairs"]);
        const auto rows = pairRows(project);
        QCOMPARE(rows.size(), std::size_t(12));
        std::set<std::tuple<std::int64_t, std::int64_t, std::int64_t>> distinct;
        for (const auto& [job, lo, hi, by, strategy, rankLo, rankHi] : rows) {
            QVERIFY(by.find("tiny-cls-bert") != std::string::npos);
            QCOMPARE(strategy, std::string("paper"));
            QVERIFY(rankLo >= 1 && rankHi >= 1 && rankLo != rankHi);
            distinct.insert({job, lo, hi});
        }
        QCOMPARE(distinct.size(), rows.size());

        // Again: new pairs only, and the embeddings come from the cache.
        const auto again = runRankpo(args(project, {"--per-job", "4", "--top", "6", "--json"}));
        QCOMPARE(again.exitCode, 0);
        const auto a = nlohmann::json::parse(again.out.toStdString());
        QCOMPARE(a["pairs_added"].get<int>(), 12);
        QCOMPARE(a["embeddings"]["encoded"].get<int>(), 0);
        // Adjacent on the test... every job: the 5 neighbours of its top 6, none made before by chance are made
        // again; of the top 3 there are 3 pairs, so a request for 10 yields what is left.
        const auto adjacent = runRankpo(args(project, {"--strategy", "adjacent", "--top", "3", "--per-job", "10", "--json"}));
        QCOMPARE(adjacent.exitCode, 0);
        const auto j = nlohmann::json::parse(adjacent.out.toStdString());
        const auto all = pairRows(project);
        std::set<std::tuple<std::int64_t, std::int64_t, std::int64_t>> everything;
        for (const auto& [job, lo, hi, by, strategy, rankLo, rankHi] : all)
            everything.insert({job, lo, hi});
        QCOMPARE(everything.size(), all.size());
        QVERIFY(j["pairs_added"].get<int>() <= 9);
        // Exhausted top 2: every job is named as skipped once its only pair exists.
        runRankpo(args(project, {"--strategy", "uncertain", "--top", "2", "--per-job", "1"}));
        const auto none = runRankpo(args(project, {"--strategy", "uncertain", "--top", "2", "--per-job", "1"}));
        QCOMPARE(none.exitCode, 0);
        QVERIFY2(none.err.contains("skipped job J-protein") && none.err.contains("exists already"), qPrintable(none.err));
    }

    void strategiesDifferAndSeedsRepeat()
    {
        const QString project = m_dir.filePath("seeds.rankpo");
        fill(project, 8);
        auto drawn = [&](const QStringList& more) {
            const auto r = runRankpo(args(project, QStringList{"--dry-run", "--json", "--top", "8", "--per-job", "5"} + more));
            if (r.exitCode != 0)
                qWarning("%s", qPrintable(r.err));
            return nlohmann::json::parse(r.out.toStdString())["pairs"];
        };
        QCOMPARE(drawn({"--seed", "7"}), drawn({"--seed", "7"}));
        QVERIFY(drawn({"--seed", "7"}) != drawn({"--seed", "8"}));
        QCOMPARE(drawn({"--strategy", "uniform", "--seed", "3"}), drawn({"--strategy", "uniform", "--seed", "3"}));
        const auto adjacent = drawn({"--strategy", "adjacent"});
        for (const auto& p : adjacent)
            QCOMPARE(std::abs(p["rank_a"].get<int>() - p["rank_b"].get<int>()), 1);
        const auto uncertain = drawn({"--strategy", "uncertain"});
        double previousGap = -1;
        std::string job;
        for (const auto& p : uncertain) {
            const double gap = std::abs(p["score_a"].get<double>() - p["score_b"].get<double>());
            if (p["job"].get<std::string>() == job)
                QVERIFY(gap >= previousGap - 1e-9);
            job = p["job"].get<std::string>();
            previousGap = gap;
        }
    }

    void oneCandidateSkipsEveryJobAndUsageErrors()
    {
        const QString project = m_dir.filePath("one.rankpo");
        fill(project, 1);
        const auto r = runRankpo(args(project, {}));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("skipped job J-ocean: fewer than two candidates"), qPrintable(r.err));
        QCOMPARE(runRankpo(args(project, {"--strategy", "best"})).exitCode, 2);
        QCOMPARE(runRankpo(args(project, {"--top", "1"})).exitCode, 2);
        QCOMPARE(runRankpo(args(project, {"--split", "dev"})).exitCode, 2);
        QCOMPARE(runRankpo({"make-pairs", project, "--model", "no-such-model"}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestMakePairsCommand)
#include "tst_make_pairs_command.moc"
