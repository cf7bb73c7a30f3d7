// rankpo eval/compare/rank/audit (and models --project) as a user runs them, on the paper's sample with the
// built-in model: JSON keys, exit codes, what is stored, and that a second evaluation reuses the cached vectors.
#include "core/model/model_resolver.h"
#include "db/evaluation_store.h"
#include "db/store_access.h"
#include "db/project_store.h"
#include "db/project_writer.h"
#include "tests/cli/cli_runner.h"
#include "tests/support/test_files.h"

#include <nlohmann/json.hpp>

#include <fstream>

using rankpo::test::runRankpo;
using Json = nlohmann::json;

namespace {

// Short texts keep the encoder quick on two cores; the cache keys include the length.
const QStringList kFast{"--max-length-job", "64", "--max-length-candidate", "64", "--threads", "2", "--device", "cpu"};
const QString kTinyModel = QStringLiteral(RANKPO_SOURCE_DIR "/tests/reference/tiny-cls-bert");

Json parse(const rankpo::test::CliResult& r)
{
    try {
        return Json::parse(r.out.toStdString());
    } catch (const std::exception& e) {
        qWarning("not JSON: %s\nstderr: %s", qPrintable(r.out), qPrintable(r.err));
        throw;
    }
}

} // namespace

class TestEvaluationCommands : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_project;
    QString path(const QString& name) const { return m_dir.path() + "/" + name; }
    QString sample(const char* name) const { return QString::fromStdString(rankpo::test::sampleFile(name)); }

private Q_SLOTS:
    void initTestCase()
    {
        if (!rankpo::BuiltinModelResolver().find("default"))
            QSKIP("the built-in model is not installed (scripts/install-python-deps.sh)");
        m_project = path("sample.rankpo");
        QCOMPARE(runRankpo({"import", m_project, "--create", sample("annotated_pair_data-sample.jsonl"),
                            sample("train_data-sample.jsonl")}).exitCode, 0);
    }

    void evalBeforeSplitSaysWhatToDo()
    {
        const auto r = runRankpo(QStringList{"eval", m_project} + kFast);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("rankpo split"), qPrintable(r.err));
        QCOMPARE(runRankpo({"split", m_project}).exitCode, 0);
    }

    void addHumanPreferences()
    {
        // Alice judges 10 of the AI-judged test pairs: like the AI on 7, the other way on 3.
        auto store = rankpo::db::ProjectStore::open(m_project.toStdString());
        const auto ai = store->preferences({rankpo::PreferenceSource::Ai, std::nullopt, rankpo::Split::Test});
        QVERIFY(ai.size() >= 10);
        rankpo::db::Transaction tx(rankpo::db::connectionOf(*store));
        rankpo::db::ProjectWriter w(*store);
        for (std::size_t i = 0; i < 10; ++i) {
            rankpo::db::NewPreference p;
            p.pairId = ai[i].pairId;
            p.source = rankpo::PreferenceSource::Human;
            p.annotator = "alice";
            p.shownFirst = ai[i].shownFirst;
            const bool same = i < 7;
            p.choice = (ai[i].choice == rankpo::Choice::First) == same ? rankpo::Choice::First : rankpo::Choice::Second;
            QVERIFY(w.addPreference(p));
        }
        tx.commit();
    }

    void evalPrintsAndStoresBothFamiliesAndAlignment()
    {
        const QString run = path("eval.run");
        const auto r = runRankpo(QStringList{"eval", m_project, "--json", "--run-out", run} + kFast);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Json j = parse(r);
        QCOMPARE(j["model"].get<std::string>(), std::string("all-MiniLM-L6-v2"));
        QCOMPARE(j["split"].get<std::string>(), std::string("test"));
        for (const char* family : {"standard", "upstream"})
            for (const char* key : {"nDCG@20", "MRR@20", "Recall@20", "nDCG@100"})
                QVERIFY2(j[family][key].is_number(), (std::string(family) + " " + key).c_str());
        QVERIFY(j["standard"].contains("MAP@20"));
        QVERIFY(j["upstream"].contains("AUC@20"));
        QCOMPARE(j["nDCG@20"], j["standard"]["nDCG@20"]);
        QCOMPARE(j["MRR@20"], j["standard"]["MRR@20"]);
        QCOMPARE(j["Recall@20"], j["standard"]["Recall@20"]);
        for (const char* source : {"ai", "human"}) {
            const std::string key = std::string("alignment_") + source;
            const double rate = j[key].get<double>();
            QVERIFY(j[key + "_ci"][0].get<double>() <= rate && rate <= j[key + "_ci"][1].get<double>());
        }
        QCOMPARE(j["alignment_ai_pairs"].get<int>(), 28);
        QCOMPARE(j["alignment_human_pairs"].get<int>(), 10);
        QCOMPARE(j["alignment"]["human:alice"]["pairs"].get<int>(), 10);
        QCOMPARE(j["alignment"]["ai:deepseek-chat"]["pairs"].get<int>(), 28);
        QCOMPARE(j["jobs_evaluated"].get<int>(), 5);
        QCOMPARE(j["candidates"].get<int>(), 318);
        QCOMPARE(j["embeddings"]["encoded"].get<int>(), 33 + 318);
        QCOMPARE(j["embeddings"]["cached"].get<int>(), 0);

        // Stored, with its rankings.
        auto store = rankpo::db::ProjectStore::open(m_project.toStdString());
        rankpo::db::EvaluationStore evaluations(*store);
        const auto stored = evaluations.latest("all-MiniLM-L6-v2", "test");
        QVERIFY(stored);
        QCOMPARE(stored->id, j["evaluation_id"].get<std::int64_t>());
        QCOMPARE(Json::parse(stored->metricsJson)["standard"], j["standard"]);
        QCOMPARE(evaluations.rankings(stored->id).size(), std::size_t(33 * 100));
        // The TREC run pairs with the exported qrels: `rankpo metrics` gives the same standard numbers.
        QCOMPARE(QString::fromStdString(rankpo::test::readFile(run.toStdString())).count('\n'), 33 * 100);
        const QString qrels = path("test.qrels");
        QCOMPARE(runRankpo({"export", m_project, qrels, "--format", "trec-qrels", "--split", "test"}).exitCode, 0);
        const auto m = runRankpo({"metrics", "--qrels", qrels, "--run", run, "--json"});
        QVERIFY2(m.exitCode == 0, qPrintable(m.err));
        const Json metrics = parse(m);
        for (const auto& [key, value] : j["standard"].items())
            QVERIFY2(std::abs(metrics["standard"][key].get<double>() - value.get<double>()) < 1e-9, key.c_str());
    }

    void secondEvalReusesTheCache()
    {
        const auto r = runRankpo(QStringList{"eval", m_project, "--json"} + kFast);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Json j = parse(r);
        QCOMPARE(j["embeddings"]["cached"].get<int>(), 33 + 318);
        QCOMPARE(j["embeddings"]["encoded"].get<int>(), 0);
        // Text output: the table and the alignment lines.
        const auto text = runRankpo(QStringList{"eval", m_project, "--no-store"} + kFast);
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY2(text.out.contains("nDCG@20") && text.out.contains("standard") && text.out.contains("upstream"),
                 qPrintable(text.out));
        QVERIFY2(text.out.contains("human:alice") && text.out.contains("95% CI"), qPrintable(text.out));
        auto store = rankpo::db::ProjectStore::open(m_project.toStdString());
        QCOMPARE(rankpo::db::EvaluationStore(*store).list().size(), std::size_t(2));
    }

    void compareTwoModels()
    {
        const auto r = runRankpo(QStringList{"compare", m_project, "--models", "default," + kTinyModel, "--json"} + kFast);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Json j = parse(r);
        QCOMPARE(j["models"].size(), std::size_t(2));
        QCOMPARE(j["models"][0]["evaluated_now"].get<bool>(), false); // the stored evaluation
        QCOMPARE(j["models"][1]["evaluated_now"].get<bool>(), true);
        const auto& row = j["metrics"]["standard"]["nDCG@20"];
        QCOMPARE(row["values"].size(), std::size_t(2));
        QCOMPARE(row["deltas"][0].get<double>(), row["values"][1].get<double>() - row["values"][0].get<double>());
        QVERIFY(j["metrics"]["upstream"].contains("AUC@20"));
        QCOMPARE(j["metrics"]["alignment"]["ai"]["pairs"][0].get<int>(), 28);
        QCOMPARE(j["metrics"]["alignment"]["human"]["pairs"][1].get<int>(), 10);
        const auto& changes = j["rank_changes"][0];
        QCOMPARE(changes["top"].get<int>(), 20);
        QCOMPARE(changes["jobs_compared"].get<int>(), 33);
        QCOMPARE(changes["jobs"].size(), std::size_t(33));
        const auto& job = changes["jobs"][0];
        QCOMPARE(job["entered"].size(), job["left"].size()); // both tops hold 20
        QCOMPARE(job["overlap"].get<std::size_t>() + job["entered"].size(), std::size_t(20));

        // Now both are stored: nothing is evaluated again.
        const auto again = runRankpo(QStringList{"compare", m_project, "--models", "default," + kTinyModel} + kFast);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY2(!again.out.contains("evaluated now") && again.out.contains("delta") && again.out.contains("rank changes"),
                 qPrintable(again.out));

        QCOMPARE(runRankpo({"compare", m_project, "--models", "default"}).exitCode, 2);
        QCOMPARE(runRankpo({"compare", m_project, "--models", "default,all-MiniLM-L6-v2"}).exitCode, 2);
        const auto unknown = runRankpo({"compare", m_project, "--models", "default,no-such-model"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("unknown model 'no-such-model'") && unknown.err.contains("all-MiniLM-L6-v2"),
                 qPrintable(unknown.err));
    }

    void rankOneJob()
    {
        // A test job with relevant labels, by its external id.
        auto store = rankpo::db::ProjectStore::open(m_project.toStdString());
        std::string jobRef;
        for (const auto& l : store->labels(rankpo::Split::Test))
            if (l.relevance > 0) {
                jobRef = rankpo::db::ProjectStore::jobReference(l.jobId, store->job(l.jobId)->externalId);
                break;
            }
        QVERIFY(!jobRef.empty());
        const auto r = runRankpo(QStringList{"rank", m_project, "--job", QString::fromStdString(jobRef), "--json"} + kFast);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Json j = parse(r);
        QCOMPARE(j["job"].get<std::string>(), jobRef);
        QCOMPARE(j["model"].get<std::string>(), std::string("all-MiniLM-L6-v2"));
        QCOMPARE(j["candidates"].get<int>(), 318);
        QVERIFY(j["relevant_labels"].get<int>() >= 1);
        QCOMPARE(j["top"].size(), std::size_t(20));
        for (std::size_t i = 1; i < j["top"].size(); ++i)
            QVERIFY(j["top"][i - 1]["score"].get<double>() >= j["top"][i]["score"].get<double>());
        QCOMPARE(j["top"][0]["rank"].get<int>(), 1);
        QVERIFY(j["top"][0].contains("relevant") && j["top"][0].contains("relevance"));

        const auto text = runRankpo(QStringList{"rank", m_project, "--job", "J1", "--top", "3"} + kFast);
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY2(text.out.contains("rank") && text.out.contains("score"), qPrintable(text.out));
        QCOMPARE(runRankpo(QStringList{"rank", m_project, "--job", "no-such-job"} + kFast).exitCode, 2);
        QCOMPARE(runRankpo(QStringList{"rank", m_project} + kFast).exitCode, 2);
    }

    void auditThePreferences()
    {
        const auto r = runRankpo({"audit", m_project, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Json j = parse(r);
        QCOMPARE(j["preferences"].get<int>(), 110);
        QCOMPARE(j["pairs"].get<int>(), 100);
        bool judge = false;
        for (const auto& a : j["annotators"])
            if (a["rater"] == "ai:deepseek-chat") {
                judge = true;
                QCOMPARE(a["judgements"].get<int>(), 100);
                QCOMPARE(a["first_shown_wins"].get<int>(), 65); // A preferred 65 times in the sample
                QVERIFY(a["p_value"].get<double>() < 0.01);
            }
        QVERIFY(judge);
        const auto& hva = j["agreement"]["human_vs_ai"];
        QCOMPARE(hva["shared_pairs"].get<int>(), 10);
        QCOMPARE(hva["agreement"].get<double>(), 0.7);
        QVERIFY(hva["kappa"].is_number());
        QCOMPARE(j["agreement"]["between_raters"].size(), std::size_t(1)); // alice and the judge
        QCOMPARE(j["judge_audit"]["calibration"][0]["comparisons"].get<int>(), 10);
        QCOMPARE(j["judge_audit"]["calibration"][0]["correct"].get<int>(), 7);
        QVERIFY(j["judge_audit"].contains("position_bias") && j["judge_audit"].contains("swap_consistency"));
        const auto text = runRankpo({"audit", m_project});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("kappa") && text.out.contains("position bias"), qPrintable(text.out));
    }

    void modelsOfTheProject()
    {
        const auto r = runRankpo({"models", "--project", m_project, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        bool tiny = false;
        const Json listed = parse(r);
        for (const auto& m : listed["models"])
            tiny = tiny || (m["name"].get<std::string>() == kTinyModel.toStdString() && m["origin"] == "project");
        QVERIFY2(tiny, qPrintable(r.out)); // compare recorded the folder model it evaluated
    }

    void clearErrors()
    {
        auto r = runRankpo({"eval", m_project, "--model", "no-such-model"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("unknown model") && r.err.contains("all-MiniLM-L6-v2"), qPrintable(r.err));
        QCOMPARE(runRankpo({"eval", path("missing.rankpo")}).exitCode, 1);
        QCOMPARE(runRankpo({"eval", m_project, "--split", "both"}).exitCode, 2);
        QCOMPARE(runRankpo({"eval", m_project, "--cutoffs", "0,5"}).exitCode, 2);
        // A project with preferences but no rule labels: alignment with its interval, ranking metrics missing.
        const QString pairsOnly = path("pairs-only.rankpo");
        QCOMPARE(runRankpo({"import", pairsOnly, "--create", sample("annotated_pair_data-sample.jsonl")}).exitCode, 0);
        QCOMPARE(runRankpo({"split", pairsOnly}).exitCode, 0);
        r = runRankpo(QStringList{"eval", pairsOnly} + kFast);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("ranking metrics need rule labels"), qPrintable(r.out));
        for (const QString& line : r.out.split('\n'))
            if (line.startsWith("nDCG@20"))
                QVERIFY2(line.contains(QString::fromUtf8("\u2013")), qPrintable(line));
        QVERIFY2(!r.out.contains("0.0000"), qPrintable(r.out));
        QVERIFY2(r.out.contains("ai:deepseek-chat"), qPrintable(r.out));
        r = runRankpo(QStringList{"eval", pairsOnly, "--json", "--no-store"} + kFast);
        QCOMPARE(r.exitCode, 0);
        const Json unlabelled = parse(r);
        QVERIFY(unlabelled["nDCG@20"].is_null());
        QCOMPARE(unlabelled["alignment_ai_pairs"].get<int>(), 30);
        QCOMPARE(unlabelled["alignment_ai_ci"].size(), std::size_t(2));
        // Training finishes and saves its model; the end-of-epoch evaluation reports alignment only, and `runs`
        // shows the missing nDCG as missing.
        r = runRankpo({"train", "rankpo", pairsOnly, "--epochs", "1", "--base", kTinyModel, "--device", "cpu",
                       "--threads", "2", "--max-length-job", "32", "--max-length-candidate", "32"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2((r.out + r.err).contains("): done") && (r.out + r.err).contains("alignment_ai"), qPrintable(r.out + r.err));
        r = runRankpo({"runs", pairsOnly});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("done") && !r.out.contains("-1.0000"), qPrintable(r.out));
        QVERIFY2(r.out.contains(QString::fromUtf8("\u2013")), qPrintable(r.out));
        QCOMPARE(runRankpo({"audit", path("empty.rankpo")}).exitCode, 1);
        QCOMPARE(runRankpo({"init", path("empty.rankpo")}).exitCode, 0);
        r = runRankpo({"audit", path("empty.rankpo")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no preferences"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestEvaluationCommands)
#include "tst_evaluation_commands.moc"
