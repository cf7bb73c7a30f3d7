// The project-level evaluation on a tiny project whose embeddings the test chooses, so that every ranking,
// metric and alignment rate is known exactly; rank comparison; one job's ranking; errors and cancelling.
#include "core/evaluation/metric_cutoffs.h"
#include "core/evaluation/wilson_interval.h"
#include "core/util/error.h"
#include "db/evaluation_store.h"
#include "db/store_access.h"
#include "db/project_store.h"
#include "db/project_writer.h"
#include "db/run_registry.h"
#include "workflows/rank_job.h"
#include "workflows/model_comparison.h"
#include "workflows/evaluate_model.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <map>

using namespace rankpo;
using namespace rankpo::workflows;

namespace {

// Texts -> the vectors the test chose (unit length), whatever the kind of text.
class FakeEmbedder : public TextEmbedder {
public:
    std::map<std::string, std::vector<float>> vectors;
    std::size_t calls = 0;

    EmbeddingMatrix embed(const std::vector<std::string>& texts, TextKind, const EncodeProgress& progress) override
    {
        ++calls;
        EmbeddingMatrix m;
        m.rows = texts.size();
        m.dim = 4;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            const auto& v = vectors.at(texts[i]);
            m.values.insert(m.values.end(), v.begin(), v.end());
            if (progress)
                progress(i + 1, texts.size());
        }
        m_counts.encoded += texts.size();
        return m;
    }
    std::string identity() const override { return "fake-identity"; }
    EmbedCounts counts() const override { return m_counts; }
    std::size_t maxLength(TextKind) const override { return 0; }

private:
    EmbedCounts m_counts;
};

struct TinyProject {
    QTemporaryDir dir;
    std::unique_ptr<db::ProjectStore> store;
    JobId j1 = 0, j2 = 0, j3 = 0, j4 = 0;
    CandidateId c1 = 0, c2 = 0, c3 = 0, c4 = 0;
    FakeEmbedder embedder;
};

// Jobs J1, J2, J3 on the test side, J4 on the train side; four candidates. Under the fake model:
//   J1 = e1:           c4 1.0, c2 0.8, c1 0.6, c3 0.0   labels c1 = 2, c2 = 0, c3 = 1
//   J2 = (.28,.96):    c1 .936, c4 .28, c2 .224, c3 0   labels c4 = 1
//   J3 = e3:           c2 0.6, the others 0             labels c2 = 0 (no relevant: ranked, not evaluated)
//   J4 (train):        labels c3 = 1, a preference: neither counts
std::unique_ptr<TinyProject> tinyProject()
{
    auto p = std::make_unique<TinyProject>();
    p->store = db::ProjectStore::open(p->dir.path().toStdString() + "/tiny.rankpo", db::ProjectStore::OpenMode::Create);
    auto& db = rankpo::db::connectionOf(*p->store);
    {
        db::Transaction tx(db);
        db::ProjectWriter w(*p->store);
        p->j1 = w.addJob("job one", "job-1");
        p->j2 = w.addJob("job two");
        p->j3 = w.addJob("job three");
        p->j4 = w.addJob("job four");
        p->c1 = w.addCandidate("cand one", "cand-1");
        p->c2 = w.addCandidate("cand two");
        p->c3 = w.addCandidate("cand three");
        p->c4 = w.addCandidate("cand four");
        w.setLabel(p->j1, p->c1, 2);
        w.setLabel(p->j1, p->c2, 0);
        w.setLabel(p->j1, p->c3, 1);
        w.setLabel(p->j2, p->c4, 1);
        w.setLabel(p->j3, p->c2, 0);
        w.setLabel(p->j4, p->c3, 1);
        const auto prefer = [&](JobId job, CandidateId first, CandidateId second, Choice choice, PreferenceSource source,
                                const char* annotator) {
            db::NewPreference np;
            np.pairId = w.addPair(job, first, second);
            np.source = source;
            np.annotator = annotator;
            np.shownFirst = first;
            np.choice = choice;
            w.addPreference(np);
        };
        const auto ai = PreferenceSource::Ai;
        const auto human = PreferenceSource::Human;
        prefer(p->j1, p->c1, p->c2, Choice::First, ai, "judge-x");   // c1 .6 < c2 .8: against
        prefer(p->j1, p->c4, p->c3, Choice::First, ai, "judge-x");   // c4 1 > c3 0: with
        prefer(p->j1, p->c2, p->c3, Choice::Second, ai, "judge-x");  // c3 0 < c2 .8: against
        prefer(p->j2, p->c1, p->c4, Choice::Second, human, "alice"); // c4 .28 < c1 .936: against
        prefer(p->j2, p->c2, p->c3, Choice::First, human, "alice");  // c2 .224 > c3 0: with
        prefer(p->j3, p->c1, p->c3, Choice::First, human, "bob");    // 0 = 0: half
        prefer(p->j3, p->c1, p->c4, Choice::Tie, ai, "judge-x");     // judged tie: not counted
        prefer(p->j4, p->c1, p->c2, Choice::First, ai, "judge-x");   // train: not counted
        tx.commit();
    }
    db.exec("UPDATE jobs SET split = 'test' WHERE id IN (" + std::to_string(p->j1) + "," + std::to_string(p->j2) + ","
            + std::to_string(p->j3) + ")");
    db.exec("UPDATE jobs SET split = 'train' WHERE id = " + std::to_string(p->j4));
    auto& v = p->embedder.vectors;
    v["job one"] = {1, 0, 0, 0};
    v["job two"] = {0.28f, 0.96f, 0, 0};
    v["job three"] = {0, 0, 1, 0};
    v["job four"] = {0, 0, 0, 1};
    v["cand one"] = {0.6f, 0.8f, 0, 0};
    v["cand two"] = {0.8f, 0, 0.6f, 0};
    v["cand three"] = {0, 0, 0, 1};
    v["cand four"] = {1, 0, 0, 0};
    return p;
}

double discount(int rank)
{
    return 1.0 / std::log2(rank + 1.0);
}

void compareNear(double actual, double expected, const char* what)
{
    QVERIFY2(std::abs(actual - expected) < 1e-6,
             (std::string(what) + ": " + std::to_string(actual) + " != " + std::to_string(expected)).c_str());
}

} // namespace

class TestProjectEvaluator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void metricsAndAlignmentAreExact()
    {
        auto p = tinyProject();
        EvaluationOptions options;
        options.cutoffs = MetricCutoffs({1, 2, 3});
        options.store = false;
        std::vector<std::string> stages;
        options.progress = [&](const std::string& stage, std::size_t, std::size_t) {
            if (stages.empty() || stages.back() != stage)
                stages.push_back(stage);
        };
        const auto r = evaluateEmbeddings(*p->store, p->embedder, "fake", options);
        QCOMPARE(r.jobsRanked, std::size_t(3));
        QCOMPARE(r.jobsEvaluated, std::size_t(2)); // J3 has no relevant label
        QCOMPARE(r.candidates, std::size_t(4));
        QVERIFY(!r.evaluationId);
        QCOMPARE(stages, (std::vector<std::string>{kStageEmbedJobs, kStageEmbedCandidates, kStageRank}));

        // Rankings: top 3 of each test job, best first.
        QCOMPARE(r.rankings.size(), std::size_t(9));
        QCOMPARE(r.rankings[0].jobId, p->j1);
        QCOMPARE(r.rankings[0].candidateId, p->c4);
        QCOMPARE(r.rankings[1].candidateId, p->c2);
        QCOMPARE(r.rankings[2].candidateId, p->c1);
        compareNear(r.rankings[2].score, 0.6, "J1 rank 3 score");
        QCOMPARE(r.rankings[3].jobId, p->j2);
        QCOMPARE(r.rankings[3].candidateId, p->c1);
        QCOMPARE(r.rankings[4].candidateId, p->c4);

        // standard (trec_eval, graded): J1 hits c1 (gain 2) at rank 3, c3 (gain 1) at rank 4 (beyond the list);
        // ideal 2, 1. J2: c4 at rank 2, ideal 1.
        const double idealJ1 = 2 * discount(1) + 1 * discount(2);
        compareNear(r.standard.at("nDCG@1"), 0, "nDCG@1");
        compareNear(r.standard.at("nDCG@2"), (0 + discount(2) / 1.0) / 2, "nDCG@2");
        compareNear(r.standard.at("nDCG@3"), (2 * discount(3) / idealJ1 + discount(2)) / 2, "nDCG@3");
        compareNear(r.standard.at("MRR@2"), (0 + 0.5) / 2, "MRR@2");
        compareNear(r.standard.at("MRR@3"), (1.0 / 3 + 0.5) / 2, "MRR@3");
        compareNear(r.standard.at("Recall@3"), (0.5 + 1) / 2, "Recall@3");
        compareNear(r.standard.at("MAP@3"), ((1.0 / 3) / 2 + 0.5) / 2, "MAP@3");
        // upstream (the paper's): binary hits within the retrieved list; J1's list holds only c1 as a hit.
        compareNear(r.upstream.at("nDCG@3"), (discount(3) / discount(1) + discount(2)) / 2, "upstream nDCG@3");
        compareNear(r.upstream.at("Recall@3"), (1.0 / 2 + 1) / 2, "upstream Recall@3");

        // Alignment: ai 1 of 3; human 1.5 of 3 (alice 1 of 2, bob's pair a score tie).
        const auto group = [&](const std::string& name) -> const AlignmentGroup& {
            for (const auto& g : r.alignment.groups)
                if (g.group == name)
                    return g;
            throw std::runtime_error("no group " + name);
        };
        QCOMPARE(group("ai").pairs, std::int64_t(3));
        compareNear(group("ai").rate, 1.0 / 3, "ai rate");
        QCOMPARE(group("human").pairs, std::int64_t(3));
        compareNear(group("human").rate, 0.5, "human rate");
        QCOMPARE(group("human:bob").scoreTies, std::int64_t(1));
        compareNear(group("human:alice").rate, 0.5, "alice");
        QCOMPARE(r.alignment.judgedTies, std::int64_t(1));

        // The JSON carries both families, the alignment per source with interval and pairs, and per rater.
        const auto& j = r.json;
        QCOMPARE(j["model"].get<std::string>(), std::string("fake"));
        QCOMPARE(j["identity"].get<std::string>(), std::string("fake-identity"));
        QCOMPARE(j["split"].get<std::string>(), std::string("test"));
        compareNear(j["standard"]["nDCG@3"].get<double>(), r.standard.at("nDCG@3"), "json standard");
        compareNear(j["upstream"]["AUC@3"].get<double>(), r.upstream.at("AUC@3"), "json upstream");
        QVERIFY(!j.contains("nDCG@20")); // 20 is not a cutoff here
        compareNear(j["alignment_ai"].get<double>(), 1.0 / 3, "alignment_ai");
        const auto ci = wilsonInterval(1.0, 3.0);
        compareNear(j["alignment_ai_ci"][0].get<double>(), ci.lower, "ci lower");
        compareNear(j["alignment_ai_ci"][1].get<double>(), ci.upper, "ci upper");
        QCOMPARE(j["alignment_ai_pairs"].get<int>(), 3);
        compareNear(j["alignment_human"].get<double>(), 0.5, "alignment_human");
        QCOMPARE(j["alignment_human_pairs"].get<int>(), 3);
        QCOMPARE(j["alignment"]["human:bob"]["score_ties"].get<int>(), 1);
        QCOMPARE(j["alignment"]["ai:judge-x"]["pairs"].get<int>(), 3);
        QCOMPARE(j["alignment_judged_ties"].get<int>(), 1);
        QCOMPARE(j["jobs_evaluated"].get<int>(), 2);
        QCOMPARE(j["candidates"].get<int>(), 4);
        QVERIFY(j["seconds"].is_number());
    }

    void storesTheEvaluationWithFlatKeys()
    {
        auto p = tinyProject();
        EvaluationOptions options; // default cutoffs 1, 5, 10, 20, 100: every candidate is kept
        const auto r = evaluateEmbeddings(*p->store, p->embedder, "fake", options);
        QVERIFY(r.evaluationId);
        db::EvaluationStore evaluations(*p->store);
        const auto stored = evaluations.latest("fake", "test");
        QVERIFY(stored);
        QCOMPARE(stored->id, *r.evaluationId);
        QCOMPARE(stored->identity, std::string("fake-identity"));
        const auto j = nlohmann::json::parse(stored->metricsJson);
        QCOMPARE(j["nDCG@20"].get<double>(), j["standard"]["nDCG@20"].get<double>());
        QCOMPARE(j["MRR@20"].get<double>(), j["standard"]["MRR@20"].get<double>());
        QCOMPARE(j["Recall@20"].get<double>(), j["standard"]["Recall@20"].get<double>());
        compareNear(j["Recall@20"].get<double>(), 1.0, "Recall@20"); // all four candidates are in every top 20
        QCOMPARE(evaluations.rankings(*r.evaluationId).size(), std::size_t(12));
        const auto j1 = evaluations.rankings(*r.evaluationId, p->j1);
        QCOMPARE(j1.size(), std::size_t(4));
        QCOMPARE(j1[3].candidateId, p->c3);
        QVERIFY(!stored->runId);

        // An evaluation stored under a run's name links to the run.
        db::RunRecord run;
        run.name = "stage1";
        run.method = "contrastive";
        run.configJson = "{}";
        const auto begun = db::RunRegistry(*p->store).begin(run);
        const auto linked = evaluateEmbeddings(*p->store, p->embedder, "stage1", options);
        QCOMPARE(*evaluations.find(*linked.evaluationId)->runId, begun.id);
    }

    void noSplitNoLabelsAndCancelAreClearErrors()
    {
        auto p = tinyProject();
        EvaluationOptions options;
        options.split = Split::Train; // J4: one relevant label
        QCOMPARE(evaluateEmbeddings(*p->store, p->embedder, "fake", options).jobsEvaluated, std::size_t(1));

        std::atomic<bool> cancel{true};
        options.cancel = &cancel;
        try {
            evaluateEmbeddings(*p->store, p->embedder, "fake", options);
            QFAIL("a set cancel flag must stop the evaluation");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Cancelled);
        }
        options.cancel = nullptr;

        rankpo::db::connectionOf(*p->store).exec("DELETE FROM labels WHERE relevance > 0 AND job_id <> " + std::to_string(p->j4));
        options.split = Split::Test;
        // Without relevant labels the ranking metrics are missing (null), never 0; alignment is still measured.
        if (!p->store->preferences({std::nullopt, std::nullopt, Split::Test}).empty()) {
            EvaluationOptions noStore = options;
            noStore.store = false;
            const EvaluationResult unlabelled = evaluateEmbeddings(*p->store, p->embedder, "fake", noStore);
            QCOMPARE(unlabelled.jobsEvaluated, std::size_t(0));
            QVERIFY(unlabelled.json["nDCG@20"].is_null());
            QVERIFY(unlabelled.json["standard"]["MRR@20"].is_null());
            QVERIFY(unlabelled.json["alignment_ai_pairs"].get<int>() > 0);
            QVERIFY(unlabelled.json.contains("ranking_metrics"));
            rankpo::db::connectionOf(*p->store).exec(
                "DELETE FROM preferences WHERE pair_id IN (SELECT p.id FROM pairs p JOIN jobs j ON j.id = p.job_id "
                "WHERE j.split = 'test')");
        }
        try {
            evaluateEmbeddings(*p->store, p->embedder, "fake", options);
            QFAIL("a split without relevant labels or judged pairs must be refused");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Data);
            QVERIFY2(std::string(e.what()).find("no job of the test split has a relevant rule label or a judged pair")
                         != std::string::npos,
                     e.what());
        }
        rankpo::db::connectionOf(*p->store).exec("UPDATE jobs SET split = NULL");
        try {
            evaluateEmbeddings(*p->store, p->embedder, "fake", options);
            QFAIL("a project without a split must be refused");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Usage);
            QVERIFY2(std::string(e.what()).find("rankpo split") != std::string::npos, e.what());
        }
        // Only the first evaluation succeeded, and it is stored (the default).
        QCOMPARE(db::EvaluationStore(*p->store).list().size(), std::size_t(1));
    }

    void rankOneJob()
    {
        auto p = tinyProject();
        RankOptions options;
        options.top = 3;
        const auto r = rankJob(*p->store, p->embedder, "fake", p->j1, options);
        QCOMPARE(r.reference, std::string("job-1"));
        QCOMPARE(r.candidates, std::size_t(4));
        QCOMPARE(r.relevantLabels, std::size_t(2));
        QCOMPARE(r.entries.size(), std::size_t(3));
        QCOMPARE(r.entries[0].candidate, p->c4);
        QVERIFY(!r.entries[0].relevance);
        QCOMPARE(*r.entries[1].relevance, 0);
        QCOMPARE(r.entries[2].reference, std::string("cand-1"));
        QCOMPARE(*r.entries[2].relevance, 2);
        compareNear(r.entries[1].score, 0.8, "score");
        QVERIFY_EXCEPTION_THROWN(rankJob(*p->store, p->embedder, "fake", 999, options), Error);
    }

    void rankMovesBetweenTwoRankings()
    {
        // Job 1: A ranks 10, 11, 12, 13; B ranks 13, 10, 14, 12 (11 dropped below B's stored depth).
        const std::vector<db::RankedCandidate> a{{1, 1, 10, .9}, {1, 2, 11, .8}, {1, 3, 12, .7}, {1, 4, 13, .6},
                                                 {2, 1, 20, .9}, {2, 2, 21, .8}, {2, 3, 22, .7}, {2, 4, 23, .6}};
        const std::vector<db::RankedCandidate> b{{1, 1, 13, .9}, {1, 2, 10, .8}, {1, 3, 14, .7}, {1, 4, 12, .6},
                                                 {2, 1, 20, .9}, {2, 2, 21, .8}, {2, 3, 22, .7}, {2, 4, 23, .6},
                                                 {3, 1, 30, .9}};
        const auto c = compareRankings(a, b, 2, 5);
        QCOMPARE(c.top, 2);
        QCOMPARE(c.depthFrom, 4);
        QCOMPARE(c.depthTo, 4);
        QCOMPARE(c.jobsCompared, std::size_t(2)); // job 3 is only in b
        QCOMPARE(c.jobsChanged, std::size_t(1));
        compareNear(c.meanOverlap, (0.5 + 1.0) / 2, "overlap");
        const auto& j1 = c.jobs[0];
        QCOMPARE(j1.overlap, 1);
        QCOMPARE(j1.entered.size(), std::size_t(1));
        QCOMPARE(j1.entered[0].candidate, CandidateId(13));
        QCOMPARE(*j1.entered[0].rankFrom, 4);
        QCOMPARE(*j1.entered[0].rankTo, 1);
        QCOMPARE(j1.left.size(), std::size_t(1));
        QCOMPARE(j1.left[0].candidate, CandidateId(11));
        QVERIFY(!j1.left[0].rankTo); // below b's stored ranking
        // Moves with both ranks known, largest first: 13 (4 -> 1), 10 (1 -> 2).
        QCOMPARE(j1.biggestMoves.size(), std::size_t(2));
        QCOMPARE(j1.biggestMoves[0].candidate, CandidateId(13));
        QCOMPARE(j1.biggestMoves[1].candidate, CandidateId(10));
        QVERIFY(c.jobs[1].entered.empty() && c.jobs[1].biggestMoves.empty());
        // The top cannot exceed what was stored.
        QCOMPARE(compareRankings(a, b, 20, 5).top, 4);
        QVERIFY_EXCEPTION_THROWN(compareRankings(a, b, 0, 5), Error);
    }
};

QTEST_GUILESS_MAIN(TestProjectEvaluator)
#include "tst_evaluate_model.moc"
