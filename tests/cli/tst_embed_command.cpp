// `rankpo embed` and `rankpo models` as a user runs them: the built binary, offline, with the built-in model.
#include <QProcess>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

namespace {

struct Result {
    int exitCode;
    std::string out;
    std::string err;
};

Result rankpo(const QStringList& args)
{
    QProcess p;
    p.start(qEnvironmentVariable("RANKPO_BIN_DIR") + "/rankpo", args);
    if (!p.waitForFinished(120000))
        return {-1, "", "timed out"};
    return {p.exitCode(), p.readAllStandardOutput().toStdString(), p.readAllStandardError().toStdString()};
}

} // namespace

class TestEmbedCommand : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void embedPrintsJson()
    {
        const Result r = rankpo({"embed", "--json", "--device", "cpu", "Assistant professor of NLP",
                                 "<keyword>deep learning</keyword>", "Assistant professor of NLP"});
        QVERIFY2(r.exitCode == 0, r.err.c_str());
        const auto doc = nlohmann::json::parse(r.out);
        QCOMPARE(doc.at("model").get<std::string>(), std::string("all-MiniLM-L6-v2"));
        QCOMPARE(doc.at("dim").get<int>(), 384);
        const auto rows = doc.at("embeddings").get<std::vector<std::vector<double>>>();
        QCOMPARE(rows.size(), std::size_t(3));
        double norm = 0, self = 0, other = 0;
        for (std::size_t k = 0; k < 384; ++k) {
            norm += rows[0][k] * rows[0][k];
            self += rows[0][k] * rows[2][k];
            other += rows[0][k] * rows[1][k];
        }
        QVERIFY(std::abs(norm - 1) < 1e-5);
        QVERIFY(std::abs(self - 1) < 1e-5);
        QVERIFY(other < 0.9); // different texts, different vectors
        // The keys come in the documented order.
        QVERIFY(r.out.rfind("{\"model\":", 0) == 0);
    }

    void embedAcceptsAFolderAndSummarises()
    {
        const Result r = rankpo({"embed", "--model", RANKPO_SOURCE_DIR "/tests/reference/tiny-cls-bert", "hello", "world"});
        QVERIFY2(r.exitCode == 0, r.err.c_str());
        QVERIFY2(r.out.find("cls pooling, 16 dimensions") != std::string::npos, r.out.c_str());
        QVERIFY(r.out.find("cosine similarities") != std::string::npos);
    }

    void embedsWithADecoderFolderAsTransformersDoes()
    {
        // A Qwen2-style decoder (tests/reference/make_decoder_models.py): last-token pooling, transformers' vectors.
        std::ifstream in(RANKPO_SOURCE_DIR "/tests/reference/golden_decoder/tiny-qwen2.json");
        const auto golden = nlohmann::json::parse(in);
        QStringList args = {"embed", "--json", "--device", "cpu", "--model", RANKPO_SOURCE_DIR "/tests/reference/tiny-qwen2",
                            "--max-length", QString::number(golden.at("candidate_length").get<int>())};
        for (const auto& t : golden.at("candidates"))
            args << QString::fromStdString(t.get<std::string>());
        const Result r = rankpo(args);
        QVERIFY2(r.exitCode == 0, r.err.c_str());
        const auto rows = nlohmann::json::parse(r.out).at("embeddings").get<std::vector<std::vector<double>>>();
        const auto expected = golden.at("candidate_embeddings").get<std::vector<std::vector<double>>>();
        QCOMPARE(rows.size(), expected.size());
        double worst = 0;
        for (std::size_t i = 0; i < rows.size(); ++i)
            for (std::size_t k = 0; k < rows[i].size(); ++k)
                worst = std::max(worst, std::abs(rows[i][k] - expected[i][k]));
        QVERIFY2(worst < 1e-5, qPrintable(QString::number(worst)));
    }

    void badInputGivesUsageErrors()
    {
        Result r = rankpo({"embed", "--model", "no-such-model", "x"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.find("unknown model 'no-such-model'") != std::string::npos, r.err.c_str());
        r = rankpo({"embed"});
        QCOMPARE(r.exitCode, 2);
        r = rankpo({"embed", "--max-length", "100000", "x"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.find("exceeds the model's 256") != std::string::npos, r.err.c_str());
    }

    void modelsListsTheBuiltInModel()
    {
        const Result r = rankpo({"models", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.c_str());
        const auto doc = nlohmann::json::parse(r.out);
        bool found = false;
        for (const auto& m : doc.at("models"))
            if (m.at("name") == "all-MiniLM-L6-v2") {
                found = true;
                QCOMPARE(m.at("dim").get<int>(), 384);
                QCOMPARE(m.at("pooling").get<std::string>(), std::string("mean"));
                QCOMPARE(m.at("max_length").get<int>(), 256);
            }
        QVERIFY(found);
        QVERIFY(rankpo({"models"}).out.find("all-MiniLM-L6-v2") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestEmbedCommand)
#include "tst_embed_command.moc"
