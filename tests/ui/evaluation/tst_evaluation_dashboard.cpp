// The evaluation dashboard on stored evaluations: the grouped bars and whiskers show the stored
// numbers, the sweep and trade-off charts their runs, and every chart saves as CSV, SVG and PNG.
#include "core/util/error.h"
#include "db/evaluation_store.h"
#include "db/run_registry.h"
#include "ui/common/chart_export.h"
#include "ui/evaluation/evaluation_dashboard_page.h"
#include "ui/evaluation/metric_bars_chart.h"
#include "ui/document/project_document.h"
#include "ui/evaluation/sweep_chart.h"
#include "ui/training/sweep_dialog.h"
#include "ui/evaluation/tradeoff_chart.h"
#include "tests/ui/ui_fixtures.h"

#include <QBarSeries>
#include <QBarSet>
#include <QFile>
#include <QLineSeries>
#include <QScatterSeries>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace rankpo;
using namespace rankpo::ui;

namespace {

std::string metricsJson(double ndcg1, double ndcg20, double mrr, double alignment, double lo, double hi)
{
    nlohmann::ordered_json j;
    j["standard"] = {{"nDCG@1", ndcg1}, {"nDCG@5", ndcg1 + 0.05}, {"nDCG@10", ndcg1 + 0.1}, {"nDCG@20", ndcg20},
                     {"nDCG@100", ndcg20 + 0.1}, {"MRR@20", mrr}, {"Recall@20", 0.5}};
    j["nDCG@20"] = ndcg20;
    j["alignment_ai"] = alignment;
    j["alignment_ai_ci"] = {lo, hi};
    j["max_length_job"] = 64;
    j["max_length_candidate"] = 96;
    return j.dump();
}

std::int64_t saveEvaluation(db::ProjectStore& store, const std::string& model, const std::string& json,
                            std::optional<std::int64_t> runId = std::nullopt)
{
    db::EvaluationRecord e;
    e.model = model;
    e.identity = "id-" + model;
    e.split = "test";
    e.metricsJson = json;
    e.runId = runId;
    return db::EvaluationStore(store).save(e, {});
}

// `variant` as sweeps name runs: rankpo and simrankpo are both recorded as method rankpo, told apart by
// reference_free (a record without it is an older, reference-free run).
void sweepRun(db::ProjectStore& store, const std::string& variant, double lr, double ndcg20, double alignment)
{
    db::RunRegistry runs(store);
    db::RunRecord r;
    r.name = "sw-" + variant + "-lr" + std::to_string(lr);
    r.method = variant == "sft" ? "sft" : "rankpo";
    r.sweep = "sw";
    nlohmann::json config{{"learning_rate", lr}};
    if (variant == "rankpo")
        config["rankpo"] = {{"reference_free", false}};
    else if (variant == "simrankpo")
        config["rankpo"] = {{"reference_free", true}};
    r.configJson = config.dump();
    r = runs.begin(r);
    runs.finish(r.id, db::RunStatus::Done, "", 1.0);
    saveEvaluation(store, r.name, metricsJson(0.1, ndcg20, 0.3, alignment, alignment - 0.05, alignment + 0.05), r.id);
}

} // namespace

class TestEvaluationDashboard : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_path;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::isolateSettings(m_dir);
        m_path = m_dir.filePath(QStringLiteral("dash.rankpo"));
        test::ProjectBuilder b(m_path.toStdString());
        b.job("a job");
        saveEvaluation(b.store(), "base", metricsJson(0.20, 0.40, 0.35, 0.60, 0.55, 0.65));
        saveEvaluation(b.store(), "trained", metricsJson(0.10, 0.30, 0.25, 0.50, 0.40, 0.60)); // replaced below
        saveEvaluation(b.store(), "trained", metricsJson(0.25, 0.45, 0.40, 0.75, 0.70, 0.80));
        sweepRun(b.store(), "rankpo", 1e-6, 0.44, 0.70);
        sweepRun(b.store(), "rankpo", 1e-5, 0.38, 0.85);
        sweepRun(b.store(), "sft", 1e-6, 0.43, 0.66);
        sweepRun(b.store(), "sft", 1e-5, 0.35, 0.72);
        sweepRun(b.store(), "simrankpo", 1e-6, 0.41, 0.74);
        sweepRun(b.store(), "simrankpo", 1e-5, 0.36, 0.80);
    }

    void barsShowTheStoredEvaluations()
    {
        ProjectDocument doc(db::ProjectStore::open(m_path.toStdString()));
        EvaluationDashboardPage page;
        page.setDocument(&doc);
        page.setModels(QStringLiteral("base"), QStringLiteral("trained"));
        page.waitForLoaded();
        QCOMPARE(page.beforeModel(), QStringLiteral("base"));
        QCOMPARE(page.afterModel(), QStringLiteral("trained"));
        const QList<QBarSet*> sets = page.barsChart()->barSeries()->barSets();
        QCOMPARE(sets.size(), 2);
        QCOMPARE(sets[0]->label(), QStringLiteral("base"));
        QCOMPARE(sets[1]->label(), QStringLiteral("trained"));
        // Neither model has alignment with people: that group is left out (it is the last key).
        QStringList keys = barMetricKeys();
        QCOMPARE(keys.takeLast(), QStringLiteral("alignment_human"));
        QCOMPARE(sets[0]->count(), keys.size());
        QCOMPARE(sets[0]->at(static_cast<int>(keys.indexOf("nDCG@1"))), 0.20);
        QCOMPARE(sets[0]->at(static_cast<int>(keys.indexOf("nDCG@20"))), 0.40);
        QCOMPARE(sets[0]->at(static_cast<int>(keys.indexOf("MRR@20"))), 0.35);
        QCOMPARE(sets[0]->at(static_cast<int>(keys.indexOf("alignment_ai"))), 0.60);
        // The latest evaluation of a model counts.
        QCOMPARE(sets[1]->at(static_cast<int>(keys.indexOf("nDCG@1"))), 0.25);
        QCOMPARE(sets[1]->at(static_cast<int>(keys.indexOf("alignment_ai"))), 0.75);
        // One whisker per model's alignment with AI: from the interval's lower to its upper end.
        QCOMPARE(page.barsChart()->whiskers().size(), 2);
        const QList<QPointF> w = page.barsChart()->whiskers()[1]->points();
        double lo = 1, hi = 0;
        for (const QPointF& p : w) {
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
        QCOMPARE(lo, 0.70);
        QCOMPARE(hi, 0.80);
        // The bar's centre: the alignment category, right half of the group for the second model.
        QVERIFY(std::abs(w[2].x() - (keys.indexOf("alignment_ai") + 0.2)) < 1e-9);

        const ChartTable table = page.barsChart()->table();
        QCOMPARE(table.rows.size(), keys.size());
        const QString csv = csvText(table);
        QVERIFY(csv.startsWith(QStringLiteral("metric,base,trained,")));
        QVERIFY(csv.contains(QStringLiteral("alignment_ai,0.600000,0.750000,0.550000,0.650000,0.700000,0.800000")));
    }

    void sweepAndTradeoff()
    {
        ProjectDocument doc(db::ProjectStore::open(m_path.toStdString()));
        EvaluationDashboardPage page;
        page.setDocument(&doc);
        page.reload();
        page.waitForLoaded();
        QCOMPARE(page.sweepChart()->sweep(), QStringLiteral("sw"));
        const auto lines = page.sweepChart()->lines();
        QCOMPARE(lines.size(), 6); // RankPO, SimRankPO and SFT, alignment and nDCG@20
        const auto line = [&lines](const QString& name) -> QLineSeries* {
            for (QLineSeries* l : lines)
                if (l->name() == name)
                    return l;
            return nullptr;
        };
        QVERIFY(line(QStringLiteral("RankPO: alignment (AI)")) && line(QStringLiteral("SFT: nDCG@20")));
        QCOMPARE(line(QStringLiteral("RankPO: alignment (AI)"))->points(), (QList<QPointF>{{1e-6, 0.70}, {1e-5, 0.85}}));
        QCOMPARE(line(QStringLiteral("SFT: nDCG@20"))->points(), (QList<QPointF>{{1e-6, 0.43}, {1e-5, 0.35}}));
        QCOMPARE(line(QStringLiteral("SimRankPO: nDCG@20"))->points(), (QList<QPointF>{{1e-6, 0.41}, {1e-5, 0.36}}));
        // Trade-off: the six sweep runs by method, base and trained as "other".
        int points = 0;
        for (QScatterSeries* s : page.tradeoffChart()->groups())
            points += s->count();
        QCOMPARE(points, 8);
        QCOMPARE(page.tradeoffChart()->groups()[0]->name(), QStringLiteral("RankPO"));
        QCOMPARE(page.tradeoffChart()->groups()[0]->points(), (QList<QPointF>{{0.44, 0.70}, {0.38, 0.85}}));
        QCOMPARE(page.tradeoffChart()->groups()[1]->name(), QStringLiteral("SimRankPO"));
        QCOMPARE(page.tradeoffChart()->groups()[1]->points(), (QList<QPointF>{{0.41, 0.74}, {0.36, 0.80}}));
    }

    void chartsSaveAsCsvSvgAndPng()
    {
        MetricBarsChart chart;
        chart.resize(640, 360);
        EvaluationSummary e;
        e.model = QStringLiteral("m");
        e.metrics.insert(QStringLiteral("nDCG@20"), 0.5);
        chart.setEvaluations(&e, nullptr);
        const QString svg = m_dir.filePath(QStringLiteral("bars.svg"));
        const QString png = m_dir.filePath(QStringLiteral("bars.png"));
        const QString csv = m_dir.filePath(QStringLiteral("bars.csv"));
        saveChartImage(&chart, svg);
        saveChartImage(&chart, png);
        saveChartTable(chart.table(), csv);
        QFile s(svg);
        QVERIFY(s.open(QIODevice::ReadOnly));
        QVERIFY(s.readAll().contains("<svg"));
        QImage image(png);
        QCOMPARE(image.size(), QSize(1280, 720));
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly));
        QVERIFY(c.readAll().contains("nDCG@20,0.500000,"));
        QVERIFY_THROWS_EXCEPTION(Error, saveChartTable(chart.table(), m_dir.filePath(QStringLiteral("no/such/dir/x.csv"))));
    }

    void withoutRuleLabelsOnlyAlignmentIsDrawn()
    {
        // A project of one's own documents: the evaluation has alignment but no ranking metrics (null), which
        // must not show as bars at 0.
        MetricBarsChart chart;
        EvaluationSummary e;
        e.model = QStringLiteral("m");
        e.metrics.insert(QStringLiteral("alignment_ai"), 0.62);
        chart.setEvaluations(&e, nullptr);
        const QList<QBarSet*> sets = chart.barSeries()->barSets();
        QCOMPARE(sets.size(), 2);
        QCOMPARE(sets[0]->count(), 1);
        QCOMPARE(sets[0]->at(0), 0.62);
    }

    void sweepDialogParsesRates()
    {
        QCOMPARE(SweepDialog::parseLearningRates(QStringLiteral("5e-7, 1e-6;2e-6  1e-5")),
                 (std::vector<double>{5e-7, 1e-6, 2e-6, 1e-5}));
        QVERIFY_THROWS_EXCEPTION(Error, SweepDialog::parseLearningRates(QStringLiteral("1e-5, fast")));
        QVERIFY_THROWS_EXCEPTION(Error, SweepDialog::parseLearningRates(QStringLiteral("-1e-5")));
        QVERIFY_THROWS_EXCEPTION(Error, SweepDialog::parseLearningRates(QString()));
    }
};

QTEST_MAIN(TestEvaluationDashboard)
#include "tst_evaluation_dashboard.moc"
