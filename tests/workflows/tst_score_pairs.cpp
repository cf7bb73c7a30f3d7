// Scoring the pairs' candidates into model_scores: exact cosine scores from vectors the test chooses,
// every (job, candidate) of a pair once, earlier scores replaced only when complete, and the real
// encoder path (the tiny BERT through the embedding cache).
#include "core/util/error.h"
#include "db/model_score_store.h"
#include "db/project_store.h"
#include "db/store_access.h"
#include "db/project_writer.h"
#include "workflows/score_pairs.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>

using namespace rankpo;
using namespace rankpo::workflows;

namespace {

// Unit vectors in 2-D chosen per text: score = cos(angle difference).
class AngleEmbedder : public TextEmbedder {
public:
    explicit AngleEmbedder(std::map<std::string, double> angles) : m_angles(std::move(angles)) {}
    EmbeddingMatrix embed(const std::vector<std::string>& texts, TextKind, const EncodeProgress& progress) override
    {
        EmbeddingMatrix m;
        m.rows = texts.size();
        m.dim = 2;
        for (const auto& t : texts) {
            const double a = m_angles.at(t);
            m.values.push_back(static_cast<float>(std::cos(a)));
            m.values.push_back(static_cast<float>(std::sin(a)));
        }
        m_counts.encoded += texts.size();
        if (progress)
            progress(texts.size(), texts.size());
        return m;
    }
    std::string identity() const override { return "angles"; }
    EmbedCounts counts() const override { return m_counts; }
    std::size_t maxLength(TextKind) const override { return 0; }

private:
    std::map<std::string, double> m_angles;
    EmbedCounts m_counts;
};

double scoreOf(db::ProjectStore& store, const std::string& model, JobId job, CandidateId candidate)
{
    auto st = rankpo::db::connectionOf(store).prepare("SELECT score FROM model_scores WHERE model = ? AND job_id = ? AND candidate_id = ?");
    st.bind(1, model).bind(2, job).bind(3, candidate);
    if (!st.step())
        return std::nan("");
    return st.real(0);
}

std::int64_t count(db::ProjectStore& store, const std::string& sql)
{
    auto st = rankpo::db::connectionOf(store).prepare(sql);
    st.step();
    return st.int64(0);
}

} // namespace

class TestPairScorer : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    struct Fixture {
        std::unique_ptr<db::ProjectStore> store;
        JobId j1 = 0, j2 = 0;
        CandidateId a = 0, b = 0, c = 0, unpaired = 0;
    };

    Fixture make(const QString& name)
    {
        Fixture f;
        f.store = db::ProjectStore::open(m_dir.filePath(name).toStdString(), db::ProjectStore::OpenMode::Create);
        db::Transaction tx(rankpo::db::connectionOf(*f.store));
        db::ProjectWriter w(*f.store);
        f.j1 = w.addJob("job one");
        f.j2 = w.addJob("job two");
        f.a = w.addCandidate("cand a");
        f.b = w.addCandidate("cand b");
        f.c = w.addCandidate("cand c");
        f.unpaired = w.addCandidate("cand d");
        w.addPair(f.j1, f.a, f.b);
        w.addPair(f.j1, f.a, f.c); // a again for j1: scored once
        w.addPair(f.j2, f.b, f.c);
        tx.commit();
        return f;
    }

    const std::map<std::string, double> kAngles{{"job one", 0.0}, {"job two", M_PI / 2}, {"cand a", 0.0},
                                                {"cand b", M_PI / 3}, {"cand c", M_PI / 2}, {"cand d", M_PI}};

private Q_SLOTS:
    void missingCouplesOnlyExactlyAndOnce()
    {
        Fixture f = make(QStringLiteral("missing.rankpo"));
        // An earlier score of (j1, a) stays as it was (a value the embedder would not give), and another model's too.
        db::ModelScoreStore scores(*f.store);
        scores.add("angles", {{f.j1, f.a}}, {0.25});
        scores.add("other", {{f.j2, f.b}}, {0.75});
        AngleEmbedder embedder(kAngles);
        // (j1, b) asked twice; (j2, d) is in no pair: scored all the same (votes asks for what it reports).
        const std::vector<db::JobCandidate> asked{{f.j1, f.a}, {f.j1, f.b}, {f.j1, f.b}, {f.j2, f.unpaired}};
        const MissingScoreResult r = scoreMissing(*f.store, embedder, "angles", asked, EncodingOptions{});
        QCOMPARE(r.model, std::string("angles"));
        QCOMPARE(r.asked, std::size_t(4));
        QCOMPARE(r.scored, std::size_t(2));
        QCOMPARE(r.embeddings.encoded, std::size_t(4)); // j1, j2, b, d: only the missing couples' texts
        QCOMPARE(scoreOf(*f.store, "angles", f.j1, f.a), 0.25);
        QVERIFY(std::abs(scoreOf(*f.store, "angles", f.j1, f.b) - 0.5) < 1e-6);
        QVERIFY(std::abs(scoreOf(*f.store, "angles", f.j2, f.unpaired) - std::cos(M_PI / 2)) < 1e-6);
        QCOMPARE(scoreOf(*f.store, "other", f.j2, f.b), 0.75);
        QCOMPARE(count(*f.store, "SELECT count(*) FROM model_scores"), std::int64_t(4));

        AngleEmbedder fresh(kAngles);
        const MissingScoreResult again = scoreMissing(*f.store, fresh, "angles", asked, EncodingOptions{});
        QCOMPARE(again.scored, std::size_t(0));
        QCOMPARE(again.embeddings.encoded, std::size_t(0)); // nothing missing: nothing embedded
    }

    void exactScoresForEveryPairedCandidate()
    {
        Fixture f = make(QStringLiteral("exact.rankpo"));
        AngleEmbedder embedder(kAngles);
        std::vector<std::string> stages;
        PairScoreOptions options;
        options.progress = [&](const std::string& stage, std::size_t, std::size_t) {
            if (stages.empty() || stages.back() != stage)
                stages.push_back(stage);
        };
        const PairScoreResult r = scorePairs(*f.store, embedder, "angles", options);
        QCOMPARE(r.model, std::string("angles"));
        QCOMPARE(r.pairs, std::size_t(3));
        QCOMPARE(r.jobs, std::size_t(2));
        QCOMPARE(r.candidates, std::size_t(3)); // d is in no pair
        QCOMPARE(r.scores, std::size_t(5));     // (j1: a, b, c), (j2: b, c)
        QCOMPARE(count(*f.store, "SELECT count(*) FROM model_scores"), std::int64_t(5));
        QVERIFY(std::abs(scoreOf(*f.store, "angles", f.j1, f.a) - 1.0) < 1e-6);
        QVERIFY(std::abs(scoreOf(*f.store, "angles", f.j1, f.b) - 0.5) < 1e-6);
        QVERIFY(std::abs(scoreOf(*f.store, "angles", f.j1, f.c) - 0.0) < 1e-6);
        QVERIFY(std::abs(scoreOf(*f.store, "angles", f.j2, f.b) - std::cos(M_PI / 6)) < 1e-6);
        QVERIFY(std::abs(scoreOf(*f.store, "angles", f.j2, f.c) - 1.0) < 1e-6);
        QVERIFY(std::isnan(scoreOf(*f.store, "angles", f.j1, f.unpaired)));
        QCOMPARE(stages, (std::vector<std::string>{kStageEmbedJobs, kStageEmbedCandidates, kStageScore}));

        // Again under another name, and the same name again: replaced, not added to.
        options.storeAs = "renamed";
        scorePairs(*f.store, embedder, "angles", options);
        options.storeAs.clear();
        scorePairs(*f.store, embedder, "angles", options);
        QCOMPARE(count(*f.store, "SELECT count(*) FROM model_scores WHERE model = 'angles'"), std::int64_t(5));
        QCOMPARE(count(*f.store, "SELECT count(*) FROM model_scores WHERE model = 'renamed'"), std::int64_t(5));
    }

    void cancelKeepsTheEarlierScores()
    {
        Fixture f = make(QStringLiteral("cancel.rankpo"));
        AngleEmbedder embedder(kAngles);
        scorePairs(*f.store, embedder, "angles", {});
        std::atomic<bool> cancel{true};
        PairScoreOptions options;
        options.cancel = &cancel;
        QVERIFY_THROWS_EXCEPTION(Error, scorePairs(*f.store, embedder, "angles", options));
        QCOMPARE(count(*f.store, "SELECT count(*) FROM model_scores WHERE model = 'angles'"), std::int64_t(5));
    }

    void noPairsIsADataError()
    {
        auto store = db::ProjectStore::open(m_dir.filePath(QStringLiteral("empty.rankpo")).toStdString(),
                                            db::ProjectStore::OpenMode::Create);
        AngleEmbedder embedder(kAngles);
        try {
            scorePairs(*store, embedder, "angles", {});
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Data);
            QVERIFY(std::string(e.what()).find("no pairs") != std::string::npos);
        }
    }

    void tinyModelThroughTheCache()
    {
        Fixture f = make(QStringLiteral("tiny.rankpo"));
        PairScoreOptions options;
        options.model = RANKPO_SOURCE_DIR "/tests/reference/tiny-cls-bert";
        options.device = "cpu";
        options.threads = 1;
        const PairScoreResult first = scorePairs(*f.store, options);
        QCOMPARE(first.scores, std::size_t(5));
        QCOMPARE(first.embeddings.encoded, std::size_t(5)); // 2 jobs + 3 candidates
        const PairScoreResult again = scorePairs(*f.store, options);
        QCOMPARE(again.embeddings.cached, std::size_t(5)); // all from the cache the first run filled
        QCOMPARE(again.embeddings.encoded, std::size_t(0));
        const double s = scoreOf(*f.store, first.model, f.j1, f.a);
        QVERIFY(s >= -1.0001 && s <= 1.0001);
    }
};

QTEST_GUILESS_MAIN(TestPairScorer)
#include "tst_score_pairs.moc"
