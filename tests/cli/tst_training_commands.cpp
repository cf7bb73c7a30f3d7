// rankpo train / runs / sweep from the outside, with the tiny BERT of tests/reference: a run is
// started, watched (progress on stderr), cancelled with Ctrl+C (SIGINT) and resumed; runs are listed.
#include "tests/cli/cli_runner.h"
#include "tests/support/test_files.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <csignal>
#include <map>

using rankpo::test::runRankpo;

class TestTrainingCommands : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_project;
    const QString m_tiny = QStringLiteral(RANKPO_SOURCE_DIR "/tests/reference/tiny-cls-bert");
    QStringList tinyOptions() const
    {
        return {"--base", m_tiny, "--max-length-job", "16", "--max-length-candidate", "16", "--batch-size", "4",
                "--grad-accum", "1", "--lr", "1e-3"};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_project = m_dir.path() + "/demo.rankpo";
        QCOMPARE(runRankpo({"demo-data", m_project, "--jobs", "10", "--candidates", "300", "--pairs", "80"}).exitCode, 0);
        QCOMPARE(runRankpo({"split", m_project}).exitCode, 0);
    }

    void helpForTheTrainingCommands()
    {
        for (const char* command : {"train", "sweep", "runs", "demo"}) {
            const auto r = runRankpo({command, "--help"});
            QVERIFY2(r.exitCode == 0, command);
            QVERIFY(r.out.contains("Usage") || r.out.contains("OPTIONS"));
        }
        QVERIFY(runRankpo({"train", "--help"}).out.contains("--beta"));
    }

    void trainAndList()
    {
        auto args = QStringList{"train", "rankpo", m_project, "--name", "first", "--epochs", "1", "--with-reference", "--group-by-job", "--json"} + tinyOptions();
        const auto r = runRankpo(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["run"].toString(), QString("first"));
        QCOMPARE(j["status"].toString(), QString("done"));
        QVERIFY(j["evaluation"].toObject().contains("alignment_ai"));
        QVERIFY(j["last_metrics"].toObject().contains("rewards/accuracies"));

        // The trained model works wherever a model is taken.
        const auto eval = runRankpo({"eval", m_project, "--model", "first", "--json", "--max-length-job", "16", "--max-length-candidate", "16"});
        QVERIFY2(eval.exitCode == 0, qPrintable(eval.err));
        const auto runs = runRankpo({"runs", m_project, "--json"});
        QCOMPARE(runs.exitCode, 0);
        const QJsonArray list = QJsonDocument::fromJson(runs.out.toUtf8()).array();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].toObject()["status"].toString(), QString("done"));
        QVERIFY(list[0].toObject()["final"].toObject().contains("nDCG@20"));
        QCOMPARE(list[0].toObject()["config"].toObject()["learning_rate"].toDouble(), 1e-3);
        QVERIFY(list[0].toObject()["config"].toObject()["group_by_job"].toBool());

        // Bad options are usage errors; a duplicate name too.
        QCOMPARE(runRankpo(QStringList{"train", "dpo", m_project} + tinyOptions()).exitCode, 2);
        QCOMPARE(runRankpo(QStringList{"train", "rankpo", m_project, "--beta", "-1"} + tinyOptions()).exitCode, 2);
        const auto grouped = runRankpo(QStringList{"train", "contrastive", m_project, "--group-by-job"} + tinyOptions());
        QCOMPARE(grouped.exitCode, 2);
        QVERIFY2(grouped.err.contains("group_by_job"), qPrintable(grouped.err));
        QCOMPARE(runRankpo(QStringList{"train", "rankpo", m_project, "--name", "first"} + tinyOptions()).exitCode, 2);
    }

    void estimateMeasuresWithoutRecording()
    {
        const auto before = runRankpo({"runs", m_project, "--json"});
        const auto r = runRankpo(QStringList{"train", "sft", m_project, "--estimate", "--estimate-steps", "2", "--epochs", "2",
                                             "--dtype", "float32", "--json"} + tinyOptions());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["device"].toString(), QString("cpu"));
        QVERIFY(j["seconds_per_step"].toDouble() > 0);
        QVERIFY(j["total_steps"].toInt() > 0);
        QVERIFY(j["estimated_seconds"].toDouble() >= j["seconds_per_step"].toDouble());
        QCOMPARE(runRankpo({"runs", m_project, "--json"}).out, before.out); // nothing recorded
        // A BERT encoder trains in float32: bfloat16 is refused with the reason.
        const auto bf16 = runRankpo(QStringList{"train", "sft", m_project, "--estimate", "--dtype", "bfloat16"} + tinyOptions());
        QCOMPARE(bf16.exitCode, 2);
        QVERIFY2(bf16.err.contains("float32"), qPrintable(bf16.err));
    }

    void interruptAndResume()
    {
        QProcess p;
        p.start(QStringLiteral(RANKPO_BINARY_DIR "/bin/rankpo"),
                QStringList{"train", "contrastive", m_project, "--name", "long", "--epochs", "60", "--no-epoch-eval",
                            "--logging-steps", "1", "--num-negatives", "2", "--stage1-sampler", "per_positive"} + tinyOptions());
        QVERIFY(p.waitForStarted());
        // 60 epochs of 2 steps (every (job, positive) of the 7 train jobs once an epoch). Without a terminal the progress line comes every 50 steps: by then 25
        // epochs have written their checkpoints, and 70 steps are left to interrupt and then to resume.
        QString err;
        QElapsedTimer clock;
        clock.start();
        while (!err.contains("step 50/") && clock.elapsed() < 60000) {
            p.waitForReadyRead(200);
            err += QString::fromUtf8(p.readAllStandardError());
        }
        QVERIFY2(err.contains("step 50/120"), qPrintable(err));
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 130);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(out.contains("cancelled"), qPrintable(out));
        QVERIFY(out.contains("--resume long"));
        const auto runs = runRankpo({"runs", m_project, "--json"});
        bool cancelled = false;
        for (const auto& v : QJsonDocument::fromJson(runs.out.toUtf8()).array())
            cancelled |= v.toObject()["name"].toString() == "long" && v.toObject()["status"].toString() == "cancelled";
        QVERIFY(cancelled);
        // The resumed run continues from its last checkpoint and finishes with the planned step count.
        const auto resume = runRankpo({"train", "contrastive", m_project, "--resume", "long", "--json"});
        QVERIFY2(resume.exitCode == 0, qPrintable(resume.err));
        const QJsonObject resumed = QJsonDocument::fromJson(resume.out.toUtf8()).object();
        QCOMPARE(resumed["status"].toString(), QString("done"));
        const auto after = runRankpo({"runs", m_project, "--json"});
        for (const auto& v : QJsonDocument::fromJson(after.out.toUtf8()).array())
            if (v.toObject()["name"].toString() == "long") {
                QCOMPARE(v.toObject()["status"].toString(), QString("done"));
                QCOMPARE(v.toObject()["steps"].toInt(), 120); // resumed with its own sampler: per_positive
                QCOMPARE(v.toObject()["config"].toObject()["contrastive"].toObject()["stage1_sampler"].toString(),
                         QString("per_positive"));
            }
        // A done run is not resumed again.
        const auto again = runRankpo({"train", "contrastive", m_project, "--resume", "long"});
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains("already done"), qPrintable(again.err));
    }

    // The paper's names: `train rankpo` is RankPO against the frozen starting model, `train simrankpo` (or
    // --reference-free) RankPO without it; lists and reports say which.
    void rankpoAndSimRankPO()
    {
        const auto sim = runRankpo(QStringList{"train", "simrankpo", m_project, "--name", "sim", "--epochs", "1",
                                               "--no-epoch-eval", "--no-final-eval", "--json"} + tinyOptions());
        QVERIFY2(sim.exitCode == 0, qPrintable(sim.err));
        const QJsonObject j = QJsonDocument::fromJson(sim.out.toUtf8()).object();
        QCOMPARE(j["method"].toString(), QString("rankpo"));
        QCOMPARE(j["method_name"].toString(), QString("SimRankPO"));
        const auto alias = runRankpo(QStringList{"train", "rankpo", m_project, "--name", "alias", "--epochs", "1",
                                                 "--reference-free", "--no-epoch-eval", "--no-final-eval"} + tinyOptions());
        QVERIFY2(alias.exitCode == 0, qPrintable(alias.err));
        QVERIFY2(alias.out.contains("Run alias (SimRankPO from"), qPrintable(alias.out));
        const auto withReference = runRankpo(QStringList{"train", "rankpo", m_project, "--name", "paper", "--epochs", "1",
                                                         "--no-epoch-eval", "--no-final-eval"} + tinyOptions());
        QVERIFY2(withReference.exitCode == 0, qPrintable(withReference.err));
        QVERIFY2(withReference.out.contains("Run paper (RankPO from"), qPrintable(withReference.out));
        QVERIFY2(withReference.err.contains("scoring the examples with the reference model"), qPrintable(withReference.err));

        const auto runs = runRankpo({"runs", m_project, "--json"});
        std::map<QString, QJsonObject> byName;
        for (const auto& v : QJsonDocument::fromJson(runs.out.toUtf8()).array())
            byName[v.toObject()["name"].toString()] = v.toObject();
        QCOMPARE(byName["sim"]["method_name"].toString(), QString("SimRankPO"));
        QVERIFY(byName["sim"]["config"].toObject()["rankpo"].toObject()["reference_free"].toBool());
        QCOMPARE(byName["alias"]["method_name"].toString(), QString("SimRankPO"));
        QCOMPARE(byName["paper"]["method_name"].toString(), QString("RankPO"));
        QVERIFY(!byName["paper"]["config"].toObject()["rankpo"].toObject()["reference_free"].toBool());
        QCOMPARE(byName["long"]["method_name"].toString(), QString("Contrastive"));
        const QString table = runRankpo({"runs", m_project}).out;
        for (const QString& line : table.split('\n')) {
            if (line.contains(" sim "))
                QVERIFY2(line.contains("SimRankPO"), qPrintable(line));
            if (line.contains(" paper "))
                QVERIFY2(line.contains("RankPO") && !line.contains("SimRankPO"), qPrintable(line));
        }

        // simrankpo is reference-free by definition; the stage-1 options take only their values.
        const auto contradiction = runRankpo(QStringList{"train", "simrankpo", m_project, "--with-reference"} + tinyOptions());
        QCOMPARE(contradiction.exitCode, 2);
        QVERIFY2(contradiction.err.contains("--with-reference contradicts it"), qPrintable(contradiction.err));
        QCOMPARE(runRankpo(QStringList{"train", "contrastive", m_project, "--stage1-sampler", "per_pair"} + tinyOptions()).exitCode, 2);
        QCOMPARE(runRankpo(QStringList{"train", "contrastive", m_project, "--hard-negative-method", "cluster"} + tinyOptions()).exitCode, 2);
        QVERIFY(runRankpo({"train", "--help"}).out.contains("simrankpo"));
        QVERIFY(runRankpo({"train", "--help"}).out.contains("--stage1-sampler"));
    }

    // Stage 1 with upstream's sampler and sampled hard negatives: each of the 7 train jobs once an epoch, so with
    // batch 4 one step an epoch; the config records both.
    void stage1AsUpstreamSamplesIt()
    {
        const auto r = runRankpo(QStringList{"train", "contrastive", m_project, "--name", "upstream", "--epochs", "2",
                                             "--num-negatives", "2", "--hard-negative-rounds", "1",
                                             "--hard-negatives-per-job", "3", "--hard-negative-method", "sample",
                                             "--no-epoch-eval", "--no-final-eval", "--json"} + tinyOptions());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["steps"].toInt(), 2); // the mining round's run: 2 epochs of one batch of 4 jobs
        const auto runs = runRankpo({"runs", m_project, "--json"});
        for (const auto& v : QJsonDocument::fromJson(runs.out.toUtf8()).array())
            if (v.toObject()["name"].toString() == "upstream") {
                const QJsonObject contrastive = v.toObject()["config"].toObject()["contrastive"].toObject();
                QCOMPARE(contrastive["stage1_sampler"].toString(), QString("per_job"));
                QCOMPARE(contrastive["hard_negative_method"].toString(), QString("sample"));
            }
    }

    void sweep()
    {
        const auto r = runRankpo(QStringList{"sweep", m_project, "--lrs", "1e-4", "--methods", "rankpo,simrankpo", "--epochs", "1",
                                             "--sweep-name", "lr", "--json"} + tinyOptions());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray runs = QJsonDocument::fromJson(r.out.toUtf8()).object()["runs"].toArray();
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs[0].toObject()["learning_rate"].toDouble(), 1e-4);
        QCOMPARE(runs[0].toObject()["method_name"].toString(), QString("RankPO"));
        QCOMPARE(runs[1].toObject()["method_name"].toString(), QString("SimRankPO"));
        QVERIFY(runs[1].toObject()["run"].toString().startsWith("lr-simrankpo-"));
        QVERIFY(runs[1].toObject().contains("alignment_ai"));
        QCOMPARE(runRankpo({"sweep", m_project, "--lrs", "fast"}).exitCode, 2);
        // The variants are named in --methods; a flag for all of them, an unknown or repeated name is refused.
        for (const QStringList& bad : {QStringList{"--methods", "rankpo", "--reference-free"},
                                       QStringList{"--methods", "dpo"}, QStringList{"--methods", "sft,sft"}}) {
            const auto refused = runRankpo(QStringList{"sweep", m_project, "--lrs", "1e-4"} + bad);
            QVERIFY2(refused.exitCode == 2, qPrintable(bad.join(' ') + ": " + refused.err));
        }
    }

    // The paper's model class end to end: a Llama-style decoder (tests/reference/tiny-llama: GQA, llama3 rope
    // scaling, bf16 weights) through stage 1 and RankPO, then evaluated by name.
    void aDecoderBaseTrainsBothStages()
    {
        const QString llama = QStringLiteral(RANKPO_SOURCE_DIR "/tests/reference/tiny-llama");
        const QStringList options = {"--max-length-job", "24", "--max-length-candidate", "24", "--batch-size", "4",
                                     "--grad-accum", "1", "--lr", "1e-3", "--epochs", "1", "--json"};
        auto r = runRankpo(QStringList{"train", "contrastive", m_project, "--base", llama, "--name", "llama-stage1"}
                           + options);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["status"].toString(), QString("done"));
        // Upstream's profile tags became special tokens of the stage-1 model, with embedding rows of their own.
        QFile tokenizer(j["model_folder"].toString() + "/tokenizer.json");
        QVERIFY2(tokenizer.open(QIODevice::ReadOnly), qPrintable(tokenizer.fileName()));
        QStringList added;
        for (const auto& t : QJsonDocument::fromJson(tokenizer.readAll()).object()["added_tokens"].toArray())
            added << t.toObject()["content"].toString();
        for (const char* tag : {"<keyword>", "</keyword>", "<title>", "</title>", "<abstract>", "</abstract>", "<sep>"})
            QVERIFY2(added.contains(tag), tag);

        r = runRankpo(QStringList{"train", "rankpo", m_project, "--base", "llama-stage1", "--name", "llama-rankpo"}
                      + options);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["method_name"].toString(), QString("RankPO"));
        QVERIFY(j["evaluation"].toObject().contains("alignment_ai"));
        const auto eval = runRankpo({"eval", m_project, "--model", "llama-rankpo", "--json", "--max-length-job", "24",
                                     "--max-length-candidate", "24"});
        QVERIFY2(eval.exitCode == 0, qPrintable(eval.err));
    }
};

QTEST_GUILESS_MAIN(TestTrainingCommands)
#include "tst_training_commands.moc"
