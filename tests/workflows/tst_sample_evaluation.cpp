// evaluateModel end to end on the paper's sample with the built-in model: a cold run encodes every text and
// fills the project's cache, a warm run (with an already-open encoder) takes every vector from it and gives the
// same numbers. Short maximum lengths keep it quick on two cores.
#include "core/model/model_resolver.h"
#include "core/util/error.h"
#include "db/evaluation_store.h"
#include "db/model_registry.h"
#include "db/import_files.h"
#include "db/project_store.h"
#include "db/project_embedding_cache.h"
#include "workflows/evaluate_model.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace rankpo;
using namespace rankpo::workflows;

namespace {

std::string sample(const char* name)
{
    return std::string(RANKPO_SHARED_DATA_DIR) + "/rankpo-sample/" + name;
}

} // namespace

class TestSampleEvaluation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void coldThenWarm()
    {
        if (!BuiltinModelResolver().find("default"))
            QSKIP("the built-in model is not installed (scripts/install-python-deps.sh)");
        QTemporaryDir dir;
        auto store = db::ProjectStore::open(dir.path().toStdString() + "/sample.rankpo", db::ProjectStore::OpenMode::Create);
        db::importFiles(*store, {sample("annotated_pair_data-sample.jsonl"), sample("train_data-sample.jsonl")}, {});
        store->assignSplit(0.3, 42);

        EvaluationOptions options;
        options.maxLengthJob = 32;
        options.maxLengthCandidate = 48;
        options.threads = 2;
        const auto cold = evaluateModel(*store, options);
        QCOMPARE(cold.model, std::string(BuiltinModelResolver::kDefaultModel));
        QCOMPARE(cold.jobsRanked, std::size_t(33));
        QCOMPARE(cold.candidates, std::size_t(318));
        QCOMPARE(cold.jobsEvaluated, std::size_t(5));
        QCOMPARE(cold.embeddings.encoded, std::size_t(33 + 318));
        QCOMPARE(cold.embeddings.cached, std::size_t(0));
        QCOMPARE(cold.json["max_length_job"].get<int>(), 32);
        QCOMPARE(cold.json["max_length_candidate"].get<int>(), 48);
        const double ndcg = cold.standard.at("nDCG@20");
        QVERIFY(ndcg > 0 && ndcg <= 1);
        QVERIFY(cold.upstream.at("nDCG@20") > 0);
        // The sample's 100 AI pairs, 28 of them on test jobs.
        QCOMPARE(cold.json["alignment_ai_pairs"].get<int>(), 28);
        QVERIFY(!cold.json.contains("alignment_human"));
        const double rate = cold.json["alignment_ai"].get<double>();
        QVERIFY(cold.json["alignment_ai_ci"][0].get<double>() <= rate && rate <= cold.json["alignment_ai_ci"][1].get<double>());

        // Stored: the evaluation, its top 100 per job, the model it used, the vectors under two lengths.
        db::EvaluationStore evaluations(*store);
        QVERIFY(cold.evaluationId);
        QCOMPARE(evaluations.rankings(*cold.evaluationId).size(), std::size_t(33 * 100));
        const auto model = db::ModelRegistry(*store).find(cold.model);
        QVERIFY(model);
        QCOMPARE(model->kind, std::string("pretrained"));
        QCOMPARE(model->identity, cold.identity);
        db::ProjectEmbeddingCache cache(*store);
        QCOMPARE(cache.count(cold.identity + "/max32"), std::int64_t(33));
        QCOMPARE(cache.count(cold.identity + "/max48"), std::int64_t(318));

        // Warm, with the model already open: no text is encoded again, and the numbers are the same.
        const ModelEntry entry = resolveProjectModel(*store, "default");
        const auto encoder = openModel(entry, options);
        options.model = "default";
        const auto warm = evaluateModel(*store, *encoder, options);
        QCOMPARE(warm.model, cold.model);
        QCOMPARE(warm.embeddings.cached, std::size_t(33 + 318));
        QCOMPARE(warm.embeddings.encoded, std::size_t(0));
        QCOMPARE(warm.json["standard"].dump(), cold.json["standard"].dump());
        QCOMPARE(warm.json["upstream"].dump(), cold.json["upstream"].dump());
        QCOMPARE(warm.json["alignment"].dump(), cold.json["alignment"].dump());
        QCOMPARE(evaluations.latest(cold.model, "test")->id, *warm.evaluationId);

        // A model folder is loaded only for texts the cache lacks: here none.
        EncoderTextEmbedder lazy(entry, encoderOptions(options), &cache, 32, 48);
        const auto candidates = lazy.embed({"not in the cache"}, TextKind::Candidate, {});
        QVERIFY(lazy.loaded());
        EncoderTextEmbedder lazyWarm(entry, encoderOptions(options), &cache, 32, 48);
        QCOMPARE(lazyWarm.identity(), cold.identity);
        const std::vector<std::string> jobTexts = {store->job(store->jobIds(Split::Test)[0])->text};
        const auto fromCache = lazyWarm.embed(jobTexts, TextKind::Job, {});
        QVERIFY(!lazyWarm.loaded());
        QCOMPARE(lazyWarm.counts().cached, std::size_t(1));
        const auto direct = encoder->encode(jobTexts, 32, nullptr); // alone, not in a padded batch: float noise
        QCOMPARE(fromCache.values.size(), direct.values.size());
        for (std::size_t k = 0; k < direct.values.size(); ++k)
            QVERIFY(std::abs(fromCache.values[k] - direct.values[k]) < 1e-5f);
        QCOMPARE(candidates.dim, std::size_t(384));

        // Another length is another cache key: those texts are encoded afresh.
        options.maxLengthJob = 16;
        options.store = false;
        const auto shorter = evaluateModel(*store, *encoder, options);
        QCOMPARE(shorter.embeddings.encoded, std::size_t(33));
        QCOMPARE(shorter.embeddings.cached, std::size_t(318));
        QVERIFY(!shorter.evaluationId);

        // A length above the model's maximum is cut to it; 1 leaves no room for [CLS] and [SEP].
        options.maxLengthJob = 100000;
        QCOMPARE(evaluateModel(*store, *encoder, options).json["max_length_job"].get<int>(), 256);
        options.maxLengthJob = 1;
        QVERIFY_EXCEPTION_THROWN(evaluateModel(*store, *encoder, options), Error);
    }
};

QTEST_GUILESS_MAIN(TestSampleEvaluation)
#include "tst_sample_evaluation.moc"
