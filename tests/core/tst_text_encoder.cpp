#include "core/model/encoder_model.h"
#include "core/model/model_resolver.h"
#include "core/model/safetensors_file.h"
#include "core/model/text_encoder.h"
#include "core/text/json_file.h"
#include "core/util/error.h"
#include "tests/support/sample_texts.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

using namespace rankpo;
namespace fs = std::filesystem;

namespace {

const fs::path kTiny = RANKPO_SOURCE_DIR "/tests/reference/tiny-cls-bert";
// Where the save test leaves a saved model for tests/reference/check_saved_model.py (ctest fixture).
const fs::path kSavedForPython = RANKPO_BINARY_DIR "/tests/saved-encoder";

double cosine(const float* a, const float* b, std::size_t n)
{
    double dot = 0, na = 0, nb = 0;
    for (std::size_t i = 0; i < n; ++i) {
        dot += double(a[i]) * b[i];
        na += double(a[i]) * a[i];
        nb += double(b[i]) * b[i];
    }
    return dot / std::sqrt(na * nb);
}

struct Golden {
    std::vector<std::string> texts;
    std::vector<std::vector<float>> vectors;
};

Golden readGolden(const std::string& file)
{
    const auto doc = readJsonFile(RANKPO_SOURCE_DIR "/tests/reference/" + file);
    const auto samples = test::sampleTexts();
    Golden g;
    for (const auto& row : doc.at("rows")) {
        if (row.contains("sample")) {
            const std::string& text = samples.at(row.at("sample").get<std::size_t>());
            if (test::fnv1a64(text) != row.at("fnv1a64").get<std::string>())
                throw std::runtime_error("the sample data changed: golden text hash differs");
            g.texts.push_back(text);
        } else {
            g.texts.push_back(row.at("text"));
        }
        g.vectors.push_back(row.at("embedding").get<std::vector<float>>());
    }
    return g;
}

void checkParity(TextEncoder& encoder, const Golden& golden, std::size_t expectedRows)
{
    QCOMPARE(golden.texts.size(), expectedRows);
    const EmbeddingMatrix got = encoder.encode(golden.texts);
    QCOMPARE(got.rows, golden.texts.size());
    for (std::size_t i = 0; i < got.rows; ++i) {
        QCOMPARE(golden.vectors[i].size(), got.dim);
        const double c = cosine(got.row(i), golden.vectors[i].data(), got.dim);
        QVERIFY2(c >= 0.9999, qPrintable(QString("row %1: cosine %2").arg(i).arg(c, 0, 'f', 7)));
        QVERIFY(std::abs(cosine(got.row(i), got.row(i), got.dim) - 1.0) < 1e-6);
    }
}

double maxAbsDiff(const EmbeddingMatrix& a, const EmbeddingMatrix& b)
{
    double m = 0;
    for (std::size_t i = 0; i < a.values.size(); ++i)
        m = std::max(m, double(std::abs(a.values[i] - b.values[i])));
    return m;
}

// A copy of the tiny model whose weights are rewritten by `edit` (name -> shape, values).
fs::path tinyWithWeights(const QTemporaryDir& dir,
                         const std::function<void(std::map<std::string, std::pair<std::vector<std::int64_t>,
                                                                              std::vector<float>>>&)>& edit)
{
    const fs::path folder = fs::path(dir.path().toStdString()) / "model";
    fs::copy(kTiny, folder, fs::copy_options::recursive);
    const SafeTensorsFile in = SafeTensorsFile::read(kTiny / "model.safetensors");
    std::map<std::string, std::pair<std::vector<std::int64_t>, std::vector<float>>> tensors;
    for (const auto& t : in.tensors())
        tensors[t.name] = {t.shape, in.toFloat(t)};
    edit(tensors);
    SafeTensorsWriter out;
    for (auto& [name, t] : tensors)
        out.add(name, t.first, t.second);
    out.write(folder / "model.safetensors");
    return folder;
}

void expectLoadError(const fs::path& folder, const std::string& needle)
{
    try {
        TextEncoder::open(folder, {"cpu"});
    } catch (const Error& e) {
        QCOMPARE(e.kind(), ErrorKind::Data);
        QVERIFY2(std::string(e.what()).find(needle) != std::string::npos, e.what());
        return;
    }
    QFAIL(("loaded; expected: " + needle).c_str());
}

} // namespace

class TestTextEncoder : public QObject {
    Q_OBJECT

private:
    fs::path m_minilm;

private Q_SLOTS:
    void initTestCase() { m_minilm = ModelCatalog().resolve("default").folder; }

    void miniLmMatchesSentenceTransformers()
    {
        auto encoder = TextEncoder::open(m_minilm, {"cpu", 0, 8});
        QCOMPARE(encoder->dim(), std::size_t(384));
        QCOMPARE(encoder->maxLength(), std::size_t(256));
        QCOMPARE(encoder->deviceName(), std::string("cpu"));
        checkParity(*encoder, readGolden("golden_embeddings.json"), 24);
    }

    void tinyClsModelMatchesSentenceTransformers()
    {
        auto encoder = TextEncoder::open(kTiny, {"cpu", 0, 4});
        QCOMPARE(encoder->pooling(), PoolingMode::Cls);
        checkParity(*encoder, readGolden("golden_tiny_cls.json"), 9);
    }

    void batchingAndOrderDoNotChangeVectors()
    {
        const auto texts = test::sampleTexts();
        const std::vector<std::string> some = {texts[0], "short", texts[3], "a bit longer text here", texts[5]};
        auto one = TextEncoder::open(m_minilm, {"cpu", 0, 1});
        auto many = TextEncoder::open(m_minilm, {"cpu", 0, 32});
        QVERIFY(maxAbsDiff(one->encode(some), many->encode(some)) < 2e-5);
    }

    void cacheAvoidsRecomputation()
    {
        auto encoder = TextEncoder::open(kTiny, {"cpu"});
        InMemoryEmbeddingCache cache;
        const std::vector<std::string> texts = {"alpha beta", "gamma", "alpha beta", "delta"};
        const EmbeddingMatrix first = encoder->encode(texts, &cache);
        QCOMPARE(cache.size(), std::size_t(3)); // the repeated text is encoded and stored once
        QCOMPARE(std::vector<float>(first.row(0), first.row(0) + first.dim),
                 std::vector<float>(first.row(2), first.row(2) + first.dim));
        std::size_t progressCalls = 0;
        const EmbeddingMatrix second = encoder->encode(texts, &cache, [&](std::size_t, std::size_t) { ++progressCalls; });
        QCOMPARE(progressCalls, std::size_t(0)); // everything came from the cache
        QCOMPARE(second.values, first.values);
        QCOMPARE(cache.hits(), std::size_t(4));

        // Another maximum length is another identity: nothing is shared with the full-length vectors.
        auto shorter = TextEncoder::open(kTiny, {"cpu", 0, 32, 4});
        QVERIFY(shorter->cacheIdentity() != encoder->cacheIdentity());
        shorter->encode({"alpha beta"}, &cache);
        QCOMPARE(cache.size(), std::size_t(4));
    }

    void perCallMaximumLengthTruncates()
    {
        auto encoder = TextEncoder::open(kTiny, {"cpu", 0, 32, 4});
        auto full = TextEncoder::open(kTiny, {"cpu"});
        // With 4 tokens, "the of and in" keeps [CLS] the of [SEP] (each word is one token of the tiny vocabulary).
        QCOMPARE(encoder->model().tokenize("the of and in", 4).size(), std::size_t(4));
        const auto a = encoder->encode({"the of and in"});
        const auto b = full->encode({"the of"});
        QVERIFY(maxAbsDiff(a, b) < 1e-6);
        QVERIFY_THROWS_EXCEPTION(Error, TextEncoder::open(kTiny, {"cpu", 0, 32, 33}));
        QVERIFY_THROWS_EXCEPTION(Error, TextEncoder::open(kTiny, {"gpu-please"}));

        // One loaded model, a length per call (job and candidate texts): the same vectors, keyed by that length.
        InMemoryEmbeddingCache cache;
        const auto c = full->encode({"the of and in"}, 4, &cache);
        QVERIFY(maxAbsDiff(a, c) < 1e-6);
        QCOMPARE(full->cacheIdentity(4), encoder->cacheIdentity());
        QCOMPARE(full->cacheIdentity(0), full->cacheIdentity());
        QCOMPARE(full->cacheIdentity(), full->modelIdentity() + "/max32");
        QCOMPARE(cache.lookup(encoder->cacheIdentity(), {ContentHash::of("the of and in")})[0].size(), c.dim);
        QVERIFY_THROWS_EXCEPTION(Error, full->encode({"x"}, 33, nullptr));
        QVERIFY_THROWS_EXCEPTION(Error, full->encode({"x"}, 1, nullptr));
    }

    void saveThenLoadGivesIdenticalEmbeddings()
    {
        // Four long sample texts and the short extras: enough to compare, quick to encode three times.
        Golden golden = readGolden("golden_embeddings.json");
        golden.texts.erase(golden.texts.begin() + 4, golden.texts.end() - 4);
        auto encoder = TextEncoder::open(m_minilm, {"cpu"});
        const EmbeddingMatrix before = encoder->encode(golden.texts);
        fs::remove_all(kSavedForPython);
        encoder->save(kSavedForPython);
        for (const char* f : {"config.json", "model.safetensors", "vocab.txt", "tokenizer.json", "modules.json",
                              "1_Pooling/config.json", "sentence_bert_config.json", "tokenizer_config.json"})
            QVERIFY2(fs::exists(kSavedForPython / f), f);
        auto reloaded = TextEncoder::open(kSavedForPython, {"cpu"});
        QCOMPARE(reloaded->encode(golden.texts).values, before.values);

        // Our vectors for the Python check (tests/reference/check_saved_model.py) that transformers and
        // sentence-transformers load the folder unchanged and agree.
        nlohmann::json rows = nlohmann::json::array();
        for (std::size_t i = 0; i < golden.texts.size(); ++i)
            rows.push_back({{"text", golden.texts[i]}, {"embedding", std::vector<float>(before.row(i), before.row(i) + before.dim)}});
        std::ofstream(kSavedForPython / "rankpo-embeddings.json") << rows.dump();

        // A CLS-pooled model keeps its pooling through a save, and a save over the source folder works.
        QTemporaryDir dir;
        const fs::path tinyCopy = fs::path(dir.path().toStdString()) / "tiny";
        fs::copy(kTiny, tinyCopy, fs::copy_options::recursive);
        auto tiny = TextEncoder::open(tinyCopy, {"cpu"});
        const auto tinyBefore = tiny->encode(golden.texts);
        tiny->save(tinyCopy);
        auto tinyAfter = TextEncoder::open(tinyCopy, {"cpu"});
        QCOMPARE(tinyAfter->pooling(), PoolingMode::Cls);
        QCOMPARE(tinyAfter->encode(golden.texts).values, tinyBefore.values); // F16 weights widen to F32 exactly
    }

    void lastTokenPoolingIgnoresPadding()
    {
        QTemporaryDir dir;
        const fs::path folder = fs::path(dir.path().toStdString()) / "last";
        fs::copy(kTiny, folder, fs::copy_options::recursive);
        std::ofstream(folder / "1_Pooling" / "config.json", std::ios::trunc)
            << R"({"word_embedding_dimension": 16, "pooling_mode_lasttoken": true})";
        auto last = TextEncoder::open(folder, {"cpu", 0, 8});
        auto cls = TextEncoder::open(kTiny, {"cpu"});
        QCOMPARE(last->pooling(), PoolingMode::LastToken);
        // Padded in one batch or alone, the last real token ([SEP]) gives the same vector.
        const std::vector<std::string> texts = {"the", "of and in to was he is for"};
        const auto together = last->encode(texts);
        const auto alone = last->encode({texts[0]});
        QVERIFY(maxAbsDiff(alone, last->encode({texts[0]})) == 0);
        for (std::size_t k = 0; k < together.dim; ++k)
            QVERIFY(std::abs(together.row(0)[k] - alone.row(0)[k]) < 1e-5);
        QVERIFY(maxAbsDiff(together, cls->encode(texts)) > 1e-3);
    }

    void badCheckpointsNameTheTensor()
    {
        {
            QTemporaryDir dir;
            expectLoadError(tinyWithWeights(dir, [](auto& t) { t.erase("encoder.layer.1.attention.self.key.bias"); }),
                            "missing tensor 'encoder.layer.1.attention.self.key.bias'");
        }
        {
            QTemporaryDir dir;
            expectLoadError(tinyWithWeights(dir, [](auto& t) { t["encoder.layer.2.output.dense.weight"] = {{1}, {0.f}}; }),
                            "unexpected tensor 'encoder.layer.2.output.dense.weight'");
        }
        {
            QTemporaryDir dir;
            expectLoadError(tinyWithWeights(dir, [](auto& t) {
                                t["embeddings.LayerNorm.bias"] = {{15}, std::vector<float>(15, 0.f)};
                            }),
                            "tensor 'embeddings.LayerNorm.bias' has shape [15]");
        }
        {
            QTemporaryDir dir;
            const fs::path folder = fs::path(dir.path().toStdString()) / "model";
            fs::copy(kTiny, folder, fs::copy_options::recursive);
            fs::resize_file(folder / "model.safetensors", fs::file_size(folder / "model.safetensors") / 2);
            expectLoadError(folder, "model.safetensors");
        }
    }

    void bertPrefixedCheckpointsLoad()
    {
        // BertForMaskedLM-style names ("bert." prefix, "cls." heads) give the same encoder.
        QTemporaryDir dir;
        const fs::path folder = tinyWithWeights(dir, [](auto& t) {
            std::map<std::string, std::pair<std::vector<std::int64_t>, std::vector<float>>> prefixed;
            for (auto& [name, v] : t)
                prefixed["bert." + name] = v;
            prefixed["cls.predictions.bias"] = {{3000}, std::vector<float>(3000, 0.f)};
            t = prefixed;
        });
        auto a = TextEncoder::open(folder, {"cpu"});
        auto b = TextEncoder::open(kTiny, {"cpu"});
        QCOMPARE(a->encode({"hello world"}).values, b->encode({"hello world"}).values);
    }

    void moduleTrainsWithDropoutAndGradients()
    {
        auto model = EncoderModel::load(ModelFolder::open(kTiny), torch::kCPU);
        const TokenBatch batch = model->tokenizeBatch({"the cat sat", "on the mat today"});
        QCOMPARE(batch.ids.size(0), std::int64_t(2));
        const auto expected = model->tokenize("the cat sat").size() + model->tokenize("on the mat today").size();
        QCOMPARE(batch.mask.sum().item<std::int64_t>(), std::int64_t(expected));
        QCOMPARE(batch.ids.size(1), std::int64_t(model->tokenize("on the mat today").size()));

        model->module()->eval();
        const torch::Tensor e1 = model->embed(batch), e2 = model->embed(batch);
        QVERIFY(torch::equal(e1, e2));
        model->module()->train();
        torch::manual_seed(1);
        const torch::Tensor t1 = model->embed(batch);
        const torch::Tensor t2 = model->embed(batch);
        QVERIFY(!torch::allclose(t1, t2)); // dropout is honoured in train mode

        const torch::Tensor loss = -(t1[0] * t1[1]).sum();
        loss.backward();
        for (const auto& p : model->module()->named_parameters()) {
            if (p.key().find("pooler") != std::string::npos)
                continue; // not on the sentence-embedding path
            QVERIFY2(p.value().grad().defined(), p.key().c_str());
        }
        const auto& qkvGrad = model->module()->bert->layers[0]->as<BertLayerImpl>()->qkv->weight.grad();
        QVERIFY(qkvGrad.abs().sum().item<double>() > 0);
    }
};

QTEST_GUILESS_MAIN(TestTextEncoder)
#include "tst_text_encoder.moc"
