// `rankpo votes`: per-job Bradley-Terry scores from the judgements (closed form for two candidates), the
// unconnected groups a job's comparisons fall into, intransitive triads, Kendall's tau-b against a model's
// stored scores, and the sources filter.
#include "db/model_score_store.h"
#include "db/project_store.h"
#include "db/project_writer.h"

#include "tests/cli/cli_runner.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>

#include <cmath>

using namespace rankpo;
using rankpo::test::runRankpo;

class TestVotesCommand : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_project;

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
};

QTEST_GUILESS_MAIN(TestVotesCommand)
#include "tst_votes_command.moc"
