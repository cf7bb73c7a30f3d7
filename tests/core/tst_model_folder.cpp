#include "core/model/embedding_cache.h"
#include "core/model/model_folder.h"
#include "core/model/model_resolver.h"
#include "core/util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>
#include <fstream>

using namespace rankpo;
namespace fs = std::filesystem;

namespace {

const fs::path kTiny = RANKPO_SOURCE_DIR "/tests/reference/tiny-cls-bert";

// A copy of the tiny model whose file `name` holds `text` instead.
fs::path tinyWith(const QTemporaryDir& dir, const std::string& name, const std::string& text)
{
    const fs::path folder = fs::path(dir.path().toStdString()) / "model";
    fs::copy(kTiny, folder, fs::copy_options::recursive);
    std::ofstream(folder / name, std::ios::trunc) << text;
    return folder;
}

void expectError(const fs::path& folder, const std::string& needle)
{
    try {
        ModelFolder::open(folder);
    } catch (const Error& e) {
        QVERIFY2(std::string(e.what()).find(needle) != std::string::npos, e.what());
        return;
    }
    QFAIL(("accepted; expected: " + needle).c_str());
}

} // namespace

class TestModelFolder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaultModelIsMeanPooledMiniLm()
    {
        const ModelEntry entry = ModelCatalog().resolve("default");
        QCOMPARE(entry.name, std::string("all-MiniLM-L6-v2"));
        QCOMPARE(entry.origin, std::string("built-in"));
        const ModelFolder m = ModelFolder::open(entry.folder);
        QCOMPARE(m.pooling, PoolingMode::Mean);
        QCOMPARE(m.maxSeqLength, std::size_t(256));
        QCOMPARE(m.config.hiddenSize, std::int64_t(384));
        QCOMPARE(m.config.numLayers, std::int64_t(6));
        QCOMPARE(m.config.numHeads, std::int64_t(12));
        QCOMPARE(m.config.vocabSize, std::int64_t(30522));
        QVERIFY(!m.lowercaseInput);
    }

    void tinyModelIsClsPooled()
    {
        const ModelFolder m = ModelFolder::open(kTiny);
        QCOMPARE(m.pooling, PoolingMode::Cls);
        QCOMPARE(m.maxSeqLength, std::size_t(32));
        QCOMPARE(m.config.hiddenSize, std::int64_t(16));
    }

    void identityFollowsTheFiles()
    {
        QTemporaryDir dir;
        const fs::path copy = fs::path(dir.path().toStdString()) / "copy";
        fs::copy(kTiny, copy, fs::copy_options::recursive);
        const std::string original = ModelFolder::open(kTiny).identity();
        QCOMPARE(ModelFolder::open(copy).identity(), original); // same bytes, same identity, wherever they are
        std::ofstream(copy / "model.safetensors", std::ios::app) << ' ';
        QVERIFY(ModelFolder::open(copy).identity() != original);
    }

    void withoutModulesJsonPoolingIsMean()
    {
        QTemporaryDir dir;
        const fs::path folder = tinyWith(dir, "config.json", "");
        fs::remove(folder / "modules.json");
        fs::copy_file(kTiny / "config.json", folder / "config.json", fs::copy_options::overwrite_existing);
        QCOMPARE(ModelFolder::open(folder).pooling, PoolingMode::Mean);
    }

    void badFoldersAreClearErrors()
    {
        {
            QTemporaryDir dir;
            expectError(tinyWith(dir, "1_Pooling/config.json", R"({"pooling_mode_max_tokens": true})"),
                        "pooling_mode_max_tokens");
        }
        {
            QTemporaryDir dir;
            expectError(tinyWith(dir, "modules.json", R"([{"type": "sentence_transformers.models.Dense", "path": "2"}])"),
                        "Dense");
        }
        {
            QTemporaryDir dir;
            expectError(tinyWith(dir, "config.json", R"({"model_type": "bert", "hidden_size": 16})"), "vocab_size");
        }
        {
            QTemporaryDir dir;
            expectError(tinyWith(dir, "config.json",
                                 R"({"model_type": "bert", "vocab_size": 10, "hidden_size": 15, "num_hidden_layers": 1,
                                     "num_attention_heads": 2, "intermediate_size": 4})"),
                        "multiple");
        }
        {
            QTemporaryDir dir;
            expectError(tinyWith(dir, "sentence_bert_config.json", R"({"max_seq_length": 4096})"),
                        "max_position_embeddings");
        }
        {
            QTemporaryDir dir;
            const fs::path folder = tinyWith(dir, "vocab.txt", "[PAD]\n");
            fs::remove(folder / "model.safetensors");
            expectError(folder, "model.safetensors");
        }
        QVERIFY_THROWS_EXCEPTION(Error, ModelFolder::open("/nonexistent/model"));
    }

    void catalogResolvesNamesAndFolders()
    {
        QTemporaryDir dir;
        const fs::path models = dir.path().toStdString();
        fs::copy(kTiny, models / "tiny", fs::copy_options::recursive);
        fs::create_directories(models / "not-a-model");
        BuiltinModelResolver resolver({models});
        QVERIFY(resolver.find("tiny"));
        QCOMPARE(resolver.find("tiny")->folder, models / "tiny");
        QVERIFY(!resolver.find("not-a-model"));
        QVERIFY(!resolver.find("../tiny"));
        QCOMPARE(resolver.list().size(), std::size_t(1));

        ModelCatalog catalog;
        QCOMPARE(catalog.resolve(kTiny.string()).origin, std::string("folder"));
        try {
            catalog.resolve("no-such-model");
            QFAIL("resolved an unknown name");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Usage);
            QVERIFY2(std::string(e.what()).find("all-MiniLM-L6-v2") != std::string::npos, e.what());
        }
    }

    void modelsDirFromEnvironmentComesFirst()
    {
        QTemporaryDir dir;
        const fs::path models = dir.path().toStdString();
        fs::copy(kTiny, models / "all-MiniLM-L6-v2", fs::copy_options::recursive);
        qputenv("RANKPO_MODELS_DIR", QByteArray::fromStdString(models.string()));
        const ModelEntry e = ModelCatalog().resolve("default");
        qunsetenv("RANKPO_MODELS_DIR");
        QCOMPARE(e.folder, models / "all-MiniLM-L6-v2");
    }

    void inMemoryCacheKeysByModelAndText()
    {
        InMemoryEmbeddingCache cache;
        const ContentHash a = ContentHash::of("a"), b = ContentHash::of("b");
        cache.store("m1", {a}, {{1.f, 2.f}});
        auto got = cache.lookup("m1", {a, b});
        QCOMPARE(got[0], (std::vector<float>{1.f, 2.f}));
        QVERIFY(got[1].empty());
        QVERIFY(cache.lookup("m2", {a})[0].empty()); // another model identity never sees m1's vectors
        QCOMPARE(cache.hits(), std::size_t(1));
        QVERIFY_THROWS_EXCEPTION(Error, cache.store("m1", {a, b}, {{1.f}}));
    }
};

QTEST_GUILESS_MAIN(TestModelFolder)
#include "tst_model_folder.moc"
