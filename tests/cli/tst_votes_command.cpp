// `rankpo votes`: per-job Bradley-Terry scores from the judgements (closed form for two candidates), the
// unconnected groups a job's comparisons fall into, intransitive triads, Kendall's tau-b against a model's
// stored scores, and the sources filter; `--model` scores (with the tiny model) only the reported candidates that
// have no score, once.
#include "db/model_score_store.h"
#include "db/project_store.h"
#include "db/project_writer.h"
#include "db/store_access.h"

#include "tests/cli/cli_runner.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QTemporaryDir>

#include <cmath>

using namespace rankpo;
using rankpo::test::runRankpo;

class TestVotesCommand : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_project;
    const QString kTiny = QStringLiteral(RANKPO_SOURCE_DIR "/tests/reference/tiny-cls-bert");

    static std::int64_t storedScores(const QString& project, const std::string& model, const std::string& job = {})
    {
        auto store = db::ProjectStore::open(project.toStdString());
        auto st = db::connectionOf(*store).prepare(
            "SELECT count(*) FROM model_scores s JOIN jobs j ON j.id = s.job_id WHERE s.model = ? "
            "AND (? = '' OR j.external_id = ?)");
        st.bind(1, model).bind(2, job).bind(3, job);
        return st.step() ? st.int64(0) : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_project = m_dir.filePath("votes.rankpo");
        auto store = db::ProjectStore::open(m_project.toStdString(), db::ProjectStore::OpenMode::Create);
        {
            db::WriteTransaction tx(*store);
            db::ProjectWriter w(*store);
            const auto j1 = w.addJob("job one", "J-one");
            const auto j2 = w.addJob("job two", "J-two");
            std::vector<CandidateId> c;
            for (const char* t : {"c-a", "c-b", "c-c", "c-d"})
                c.push_back(w.addCandidate(std::string("text of ") + t, t));
            auto judge = [&](JobId job, CandidateId winner, CandidateId loser, PreferenceSource source) {
                const auto pair = w.addPair(job, winner, loser);
                db::NewPreference p;
                p.pairId = pair;
                p.source = source;
                p.annotator = source == PreferenceSource::Ai ? "judge" : "ann";
                p.shownFirst = winner;
                p.choice = Choice::First;
                w.addPreference(p);
            };
            // Job one: a > b > c > a (a triad), and d beats nobody it met (d is alone: its own group).
            judge(j1, c[0], c[1], PreferenceSource::Ai);
            judge(j1, c[1], c[2], PreferenceSource::Ai);
            judge(j1, c[2], c[0], PreferenceSource::Ai);
            // Job two: a beats b (AI); c beats d (human): two unconnected groups.
            judge(j2, c[0], c[1], PreferenceSource::Ai);
            judge(j2, c[2], c[3], PreferenceSource::Human);
            tx.commit();
        }
        // A model that orders job two's a, b like the votes.
        db::ModelScoreStore scores(*store);
        const auto couples = scores.pairCandidates();
        std::vector<double> values;
        for (const auto& jc : couples)
            values.push_back(jc.candidate == 1 ? 0.9 : jc.candidate == 2 ? 0.1 : 0.5);
        scores.replace("base", couples, values);
    }

    void scoresGroupsTriadsAndTau()
    {
        const auto r = runRankpo({"votes", m_project, "--json", "--resamples", "200"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto j = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(j["models"].size(), std::size_t(1));
        QCOMPARE(j["jobs"].size(), std::size_t(2));
        const auto& one = j["jobs"][0];
        QCOMPARE(one["job"].get<std::string>(), std::string("J-one"));
        QCOMPARE(one["intransitive_triads"].size(), std::size_t(1));
        QCOMPARE(one["intransitive_triads"][0][0].get<std::string>(), std::string("c-a"));
        // A perfect cycle: every score is 0.
        for (const auto& c : one["candidates"])
            QVERIFY(std::abs(c["score"].get<double>()) < 1e-9);

        const auto& two = j["jobs"][1];
        QCOMPARE(two["groups"].get<int>(), 2);
        // One win plus the prior's half win each way: ln(1.5 / 0.5) apart, mean 0 in the group.
        const auto& top = two["candidates"][0];
        QCOMPARE(top["candidate"].get<std::string>(), std::string("c-a"));
        QVERIFY(std::abs(top["score"].get<double>() - std::log(3.0) / 2) < 1e-9);
        // Tau-b against the model within the group of a and b: the same order.
        bool seen = false;
        for (const auto& t : two["kendall_tau_b"])
            if (t["group"] == 0) {
                QCOMPARE(t["kendall_tau_b"].get<double>(), 1.0);
                QCOMPARE(t["candidates"].get<int>(), 2);
                seen = true;
            }
        QVERIFY(seen);

        // Human judgements only: job two's c > d alone.
        const auto human = nlohmann::json::parse(runRankpo({"votes", m_project, "--json", "--source", "human"}).out.toStdString());
        QCOMPARE(human["jobs"].size(), std::size_t(1));
        QCOMPARE(human["jobs"][0]["candidates"][0]["candidate"].get<std::string>(), std::string("c-c"));

        const auto text = runRankpo({"votes", m_project, "--job", "J-two"});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY(text.out.contains("2 unconnected groups"));
        QVERIFY(text.out.contains("Kendall tau-b vs base"));
        QVERIFY(!text.out.contains("J-one"));
        QCOMPARE(runRankpo({"votes", m_project, "--job", "nope"}).exitCode, 2);
    }

    void modelScoresOnlyWhatIsMissing()
    {
        const QString project = m_dir.filePath("votes-model.rankpo");
        QVERIFY(QFile::copy(m_project, project));
        // Job one alone: its three judged candidates are scored, job two's are not.
        const auto r = runRankpo({"votes", project, "--job", "J-one", "--model", kTiny, "--device", "cpu", "--json",
                                  "--resamples", "0"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto j = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(j["scored"].size(), std::size_t(1));
        const std::string model = j["scored"][0]["model"].get<std::string>();
        QCOMPARE(j["scored"][0]["scored"].get<int>(), 3);
        QCOMPARE(j["scored"][0]["embeddings"]["encoded"].get<int>(), 4); // one job, three candidates
        QCOMPARE(storedScores(project, model), std::int64_t(3));
        QCOMPARE(storedScores(project, model, "J-two"), std::int64_t(0));
        QCOMPARE(storedScores(project, "base"), std::int64_t(7)); // the other model's scores stay
        QCOMPARE(j["models"].size(), std::size_t(2));
        bool seen = false;
        for (const auto& t : j["jobs"][0]["kendall_tau_b"])
            if (t["model"] == model) {
                QCOMPARE(t["candidates"].get<int>(), 3);
                QCOMPARE(t["without_score"].get<int>(), 0);
                // A perfect cycle ties every vote score: tau-b has no defined value (null), never a made-up one.
                QVERIFY(t["kendall_tau_b"].is_null());
                seen = true;
            }
        QVERIFY(seen);

        // Every job: only job two's four couples are new; the second run scores nothing and loads no model.
        const auto all = nlohmann::json::parse(
            runRankpo({"votes", project, "--model", kTiny, "--device", "cpu", "--json", "--resamples", "0"}).out.toStdString());
        QCOMPARE(all["scored"][0]["candidates"].get<int>(), 7);
        QCOMPARE(all["scored"][0]["scored"].get<int>(), 4);
        QCOMPARE(storedScores(project, model), std::int64_t(7));
        bool tauTwo = false;
        for (const auto& t : all["jobs"][1]["kendall_tau_b"])
            if (t["model"] == model && t["group"] == 0) {
                QVERIFY(t["kendall_tau_b"].is_number());
                QCOMPARE(t["candidates"].get<int>(), 2);
                tauTwo = true;
            }
        QVERIFY(tauTwo);
        const auto again = runRankpo({"votes", project, "--model", kTiny, "--device", "cpu"});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY2(again.out.contains("scored 0 of the 7"), qPrintable(again.out));
        QVERIFY(again.out.contains("0 encoded"));
        QCOMPARE(storedScores(project, model), std::int64_t(7));

        const auto unknown = runRankpo({"votes", project, "--model", "no-such-model"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("no-such-model"), qPrintable(unknown.err));
    }
};

QTEST_GUILESS_MAIN(TestVotesCommand)
#include "tst_votes_command.moc"
