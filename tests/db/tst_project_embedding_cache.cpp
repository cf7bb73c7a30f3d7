// The project's embedding cache: round trip, keys by model identity, the blob format, damaged rows.
#include "core/util/error.h"
#include "db/project_store.h"
#include "db/store_access.h"
#include "db/sqlite/sqlite_connection.h"
#include "db/project_embedding_cache.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>

using namespace rankpo;
using namespace rankpo::db;

namespace {

std::unique_ptr<ProjectStore> newProject(const QTemporaryDir& dir)
{
    return ProjectStore::open(dir.path().toStdString() + "/p.rankpo", ProjectStore::OpenMode::Create);
}

} // namespace

class TestProjectEmbeddingCache : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripInOneCall()
    {
        QTemporaryDir dir;
        auto store = newProject(dir);
        ProjectEmbeddingCache cache(*store);
        const std::vector<ContentHash> keys{ContentHash::of("a"), ContentHash::of("b"), ContentHash::of("c")};
        const std::vector<std::vector<float>> vectors{{1.0f, -2.5f, 0.125f}, {0.0f, -0.0f, 3e-38f}, {7.0f, 8.0f, 9.0f}};
        cache.store("model/max32", {keys[0], keys[1]}, {vectors[0], vectors[1]});
        QCOMPARE(cache.count(), std::int64_t(2));

        const auto found = cache.lookup("model/max32", keys);
        QCOMPARE(found.size(), std::size_t(3));
        QVERIFY(found[0] == vectors[0]); // bit-exact
        QVERIFY(found[1] == vectors[1]);
        QVERIFY(std::signbit(found[1][1])); // -0.0 stays negative zero
        QVERIFY(found[2].empty());
        QCOMPARE(cache.lookups(), std::size_t(3));
        QCOMPARE(cache.hits(), std::size_t(2));

        // A store replaces what was there, also with another dimension.
        cache.store("model/max32", {keys[0]}, {{4.0f, 5.0f}});
        QVERIFY((cache.lookup("model/max32", {keys[0]})[0] == std::vector<float>{4.0f, 5.0f}));
        QVERIFY(cache.lookup("model/max32", {}).empty());
        cache.store("model/max32", {}, {});
    }

    void keysByModelIdentity()
    {
        QTemporaryDir dir;
        auto store = newProject(dir);
        ProjectEmbeddingCache cache(*store);
        const auto key = ContentHash::of("the same text");
        cache.store("model-v1/max256", {key}, {{1.0f, 0.0f}});
        // Another identity (a retrained model, another maximum length) never sees the old vector.
        QVERIFY(cache.lookup("model-v2/max256", {key})[0].empty());
        QVERIFY(cache.lookup("model-v1/max128", {key})[0].empty());
        cache.store("model-v2/max256", {key}, {{0.0f, 1.0f}});
        QVERIFY((cache.lookup("model-v1/max256", {key})[0] == std::vector<float>{1.0f, 0.0f}));
        QVERIFY((cache.lookup("model-v2/max256", {key})[0] == std::vector<float>{0.0f, 1.0f}));
        QCOMPARE(cache.count("model-v1/max256"), std::int64_t(1));
        QCOMPARE(cache.remove("model-v1/max256"), std::int64_t(1));
        QVERIFY(cache.lookup("model-v1/max256", {key})[0].empty());
        QCOMPARE(cache.count(), std::int64_t(1));
        // The vectors outlive the cache object: they are in the project file.
        store.reset();
        store = ProjectStore::open(dir.path().toStdString() + "/p.rankpo");
        ProjectEmbeddingCache reopened(*store);
        QVERIFY((reopened.lookup("model-v2/max256", {key})[0] == std::vector<float>{0.0f, 1.0f}));
    }

    void blobsAreLittleEndianFloat32()
    {
        const std::string blob = encodeEmbeddingBlob({1.0f, -2.0f});
        QCOMPARE(blob, std::string("\x00\x00\x80\x3f\x00\x00\x00\xc0", 8));
        QVERIFY((decodeEmbeddingBlob(blob, 2, "x") == std::vector<float>{1.0f, -2.0f}));
    }

    void damagedRowsAreDataErrors_data()
    {
        QTest::addColumn<QByteArray>("vector");
        QTest::addColumn<int>("dim");
        QTest::addColumn<QString>("message");
        QTest::newRow("short blob") << QByteArray("\x00\x00\x80\x3f", 4) << 2 << "4 bytes for dimension 2";
        QTest::newRow("long blob") << QByteArray(12, '\0') << 2 << "12 bytes for dimension 2";
        QTest::newRow("zero dim") << QByteArray() << 0 << "dimension 0";
        QTest::newRow("negative dim") << QByteArray(4, '\0') << -1 << "dimension -1";
        QTest::newRow("huge dim") << QByteArray(4, '\0') << (1 << 30) << "dimension 1073741824";
        QTest::newRow("nan") << QByteArray("\x00\x00\xc0\x7f", 4) << 1 << "component 0 is not finite";
    }

    void damagedRowsAreDataErrors()
    {
        QFETCH(QByteArray, vector);
        QFETCH(int, dim);
        QFETCH(QString, message);
        QTemporaryDir dir;
        auto store = newProject(dir);
        const auto key = ContentHash::of("t");
        auto st = rankpo::db::connectionOf(*store).prepare(
            "INSERT INTO embeddings(model_identity, content_hash, dim, vector) VALUES ('m', ?, ?, ?)");
        st.bindBlob(1, key.bytes.data(), key.bytes.size()).bind(2, dim).bindBlob(3, vector.constData(), std::size_t(vector.size()));
        st.run();
        ProjectEmbeddingCache cache(*store);
        try {
            cache.lookup("m", {key});
            QFAIL("a damaged row must be refused");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Data);
            const std::string what = e.what();
            QVERIFY2(what.find("corrupt cached embedding") != std::string::npos, what.c_str());
            QVERIFY2(what.find(message.toStdString()) != std::string::npos, what.c_str());
            QVERIFY2(what.find(key.hex()) != std::string::npos, what.c_str()); // names the text
        }
        QVERIFY(!rankpo::db::connectionOf(*store).inTransaction()); // the read transaction was rolled back
    }

    void joinsTheCallersTransaction()
    {
        QTemporaryDir dir;
        auto store = newProject(dir);
        ProjectEmbeddingCache cache(*store);
        const auto key = ContentHash::of("t");
        {
            Transaction tx(rankpo::db::connectionOf(*store));
            cache.store("m", {key}, {{1.0f}});
            QCOMPARE(cache.lookup("m", {key})[0].size(), std::size_t(1));
            // no commit: rolled back with the caller's transaction
        }
        QVERIFY(cache.lookup("m", {key})[0].empty());
    }

    void badStoresAreUsageErrors()
    {
        QTemporaryDir dir;
        auto store = newProject(dir);
        ProjectEmbeddingCache cache(*store);
        QVERIFY_EXCEPTION_THROWN(cache.store("m", {ContentHash::of("a")}, {}), Error);
        QVERIFY_EXCEPTION_THROWN(cache.store("m", {ContentHash::of("a")}, {{}}), Error);
        QCOMPARE(cache.count(), std::int64_t(0)); // nothing half-written
    }
};

QTEST_GUILESS_MAIN(TestProjectEmbeddingCache)
#include "tst_project_embedding_cache.moc"
