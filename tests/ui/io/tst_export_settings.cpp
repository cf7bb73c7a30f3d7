// Export options: which apply to which format, how they map to the db layer, and what the written
// file holds (ties as half-weight rows, the weight column, the rationale column), through the dialog.
#include "core/util/error.h"
#include "db/store_access.h"
#include "tests/support/test_files.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/common/background_task.h"
#include "ui/io/export_dialog.h"
#include "ui/io/export_settings.h"
#include "ui/document/project_document.h"

#include <QCheckBox>
#include <QRadioButton>

#include <nlohmann/json.hpp>

using namespace rankpo;
using namespace rankpo::ui;

namespace {

// P1: the AI prefers A (confidence 60, rationale "r1"); P2: the AI calls a tie (confidence 80);
// P3: a person prefers B (confidence 90). Jobs: J1 in train, J2 in test.
QString makeProject(const QTemporaryDir& dir)
{
    const QString path = dir.filePath("export.rankpo");
    test::ProjectBuilder b(path.toStdString());
    const JobId j1 = b.job("job one", "j1");
    const JobId j2 = b.job("job two", "j2");
    const CandidateId a = b.candidate("candidate a", "a");
    const CandidateId c = b.candidate("candidate c", "c");
    b.pair(j1, a, c, {{PreferenceSource::Ai, "judge", true, Choice::First, 60, "r1"}});
    b.pair(j2, a, c, {{PreferenceSource::Ai, "judge", true, Choice::Tie, 80, "r2"}});
    const CandidateId d = b.candidate("candidate d", "d");
    b.pair(j1, c, d, {{PreferenceSource::Human, "alice", true, Choice::Second, 90, "r3"}});
    rankpo::db::connectionOf(b.store()).exec("UPDATE jobs SET split = CASE id WHEN 1 THEN 'train' ELSE 'test' END");
    b.close();
    return path;
}

std::vector<nlohmann::json> jsonLines(const QString& path)
{
    std::vector<nlohmann::json> rows;
    std::istringstream in(test::readFile(path.toStdString()));
    std::string line;
    while (std::getline(in, line))
        rows.push_back(nlohmann::json::parse(line));
    return rows;
}

} // namespace

class TestExportSettings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { test::isolateSettings(m_settings); }

    void applicability_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("filters");
        QTest::addColumn<bool>("ties");
        QTest::addColumn<bool>("weight");
        QTest::addColumn<bool>("minimal");
        QTest::newRow("rankpo-pairs") << "rankpo-pairs" << true << true << true << true;
        QTest::newRow("trl-dpo") << "trl-dpo" << true << true << true << true;
        QTest::newRow("csv writes ties") << "csv" << true << false << true << false;
        QTest::newRow("rankpo-contrastive: labels") << "rankpo-contrastive" << false << false << false << false;
        QTest::newRow("trec-qrels: labels") << "trec-qrels" << false << false << false << false;
    }
    void applicability()
    {
        QFETCH(QString, format);
        QFETCH(bool, filters);
        QFETCH(bool, ties);
        QFETCH(bool, weight);
        QFETCH(bool, minimal);
        const auto a = exportApplicability(*formatFromName(format.toStdString()));
        QCOMPARE(a.preferenceFilters, filters);
        QCOMPARE(a.policy, filters);
        QCOMPARE(a.ties, ties);
        QCOMPARE(a.weightColumn, weight);
        QCOMPARE(a.rationaleColumn, filters);
        QCOMPARE(a.minimal, minimal);
    }

    void optionsMapOnlyWhatApplies()
    {
        ExportChoices c;
        c.format = DataFormat::TrlDpo;
        c.source = PreferenceSource::Human;
        c.annotator = " alice ";
        c.split = Split::Test;
        c.policy = db::MultiPreferencePolicy::Latest;
        c.ties = db::TiePolicy::Half;
        c.weightColumn = true;
        c.rationaleColumn = false;
        c.minimal = true;
        db::ExportOptions o = exportOptionsFor(c);
        QVERIFY(*o.filter.source == PreferenceSource::Human);
        QCOMPARE(*o.filter.annotator, std::string("alice"));
        QVERIFY(*o.filter.split == Split::Test);
        QVERIFY(o.policy == db::MultiPreferencePolicy::Latest);
        QVERIFY(o.ties == db::TiePolicy::Half);
        QVERIFY(o.weightColumn);
        QVERIFY(!o.rationaleColumn);
        QVERIFY(o.minimal);

        c.format = DataFormat::TrecQrels; // labels: only the split carries over
        o = exportOptionsFor(c);
        QVERIFY(!o.filter.source);
        QVERIFY(!o.filter.annotator);
        QVERIFY(*o.filter.split == Split::Test);
        QVERIFY(o.ties == db::TiePolicy::Drop);
        QVERIFY(!o.weightColumn);
        QVERIFY(!o.minimal);

        c.format = DataFormat::Csv; // CSV writes ties as "tie"; minimal means nothing there
        o = exportOptionsFor(c);
        QVERIFY(o.ties == db::TiePolicy::Drop);
        QVERIFY(!o.minimal);
        QVERIFY(o.weightColumn);
    }

    void fileNames_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("expected");
        QTest::newRow("pairs") << "rankpo-pairs" << "/data/demo.rankpo-pairs.jsonl";
        QTest::newRow("trl") << "trl-dpo" << "/data/demo.trl-dpo.jsonl";
        QTest::newRow("csv") << "csv" << "/data/demo.csv";
        QTest::newRow("qrels") << "trec-qrels" << "/data/demo.qrels";
    }
    void fileNames()
    {
        QFETCH(QString, format);
        QFETCH(QString, expected);
        QCOMPARE(defaultExportFileName("/data/demo.rankpo", *formatFromName(format.toStdString())), expected);
    }

    void descriptionSaysWhatIsWritten()
    {
        ExportChoices c;
        c.format = DataFormat::TrlDpo;
        c.ties = db::TiePolicy::Half;
        c.weightColumn = true;
        const QString text = describeExport(c);
        QVERIFY(text.contains("two rows, each way round, with weight 0.5"));
        QVERIFY(text.contains("weight column"));
        QVERIFY(text.contains("reviewer decided is one row"));
        c.adjudication = db::AdjudicationPolicy::Only;
        QVERIFY(describeExport(c).contains("Only the pairs a reviewer decided"));
        QVERIFY(exportOptionsFor(c).adjudication == db::AdjudicationPolicy::Only);
        c.format = DataFormat::RankPOContrastive;
        QVERIFY(describeExport(c).startsWith("The rule labels"));
    }

    void halfTiesWeightsAndNoRationale()
    {
        QTemporaryDir dir;
        const QString project = makeProject(dir);
        const QString out = dir.filePath("out.jsonl");
        ExportChoices c;
        c.format = DataFormat::TrlDpo;
        c.source = PreferenceSource::Ai;
        c.ties = db::TiePolicy::Half;
        c.weightColumn = true;
        c.rationaleColumn = false;
        TaskControl control;
        const auto report = exportIntoFile(project, out, c, control);
        QCOMPARE(report.rows, std::int64_t(3));
        QCOMPARE(report.tiesSplit, std::int64_t(1));
        const auto rows = jsonLines(out);
        QCOMPARE(rows.size(), std::size_t(3));
        QCOMPARE(rows[0]["chosen"], "candidate a");
        QCOMPARE(rows[0]["weight"].get<double>(), 0.6);
        QCOMPARE(rows[1]["weight"].get<double>(), 0.4); // confidence 0.8 x half a tie
        QCOMPARE(rows[2]["weight"].get<double>(), 0.4);
        QCOMPARE(rows[1]["chosen"], rows[2]["rejected"]); // each way round
        for (const auto& r : rows)
            QVERIFY(!r.contains("rationale"));
        QVERIFY(!QFileInfo::exists(out + ".exporting"));
    }

    void tiesDroppedRationaleKept()
    {
        QTemporaryDir dir;
        const QString project = makeProject(dir);
        const QString out = dir.filePath("pairs.jsonl");
        ExportChoices c; // rankpo-pairs, all sources, drop ties, rationale on
        TaskControl control;
        const auto report = exportIntoFile(project, out, c, control);
        QCOMPARE(report.rows, std::int64_t(2));
        QCOMPARE(report.tiesDropped, std::int64_t(1));
        const auto rows = jsonLines(out);
        QCOMPARE(rows[0]["comparison"], "r1");
        QCOMPARE(rows[1]["comparison"], "r3");
        QCOMPARE(rows[1]["annotator"], "alice");
        QVERIFY(!rows[0].contains("weight"));
    }

    void splitFilter()
    {
        QTemporaryDir dir;
        const QString project = makeProject(dir);
        const QString out = dir.filePath("test.csv");
        ExportChoices c;
        c.format = DataFormat::Csv;
        c.split = Split::Test;
        TaskControl control;
        QCOMPARE(exportIntoFile(project, out, c, control).rows, std::int64_t(1)); // the tie, kept as "tie" in CSV
        QVERIFY(QString::fromStdString(test::readFile(out.toStdString())).contains(",tie,80,r2,"));
    }

    void cancelledExportWritesNothing()
    {
        QTemporaryDir dir;
        const QString project = makeProject(dir);
        const QString out = dir.filePath("never.jsonl");
        TaskControl control;
        control.cancel();
        try {
            exportIntoFile(project, out, ExportChoices{}, control);
            QFAIL("a cancelled export must throw");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Cancelled);
        }
        QVERIFY(!QFileInfo::exists(out));
        QVERIFY(!QFileInfo::exists(out + ".exporting"));
    }

    void dialogRunsTheExport()
    {
        QTemporaryDir dir;
        const QString project = makeProject(dir);
        ProjectDocument doc(ProjectDocument::openStore(project, false));
        ExportDialog dialog(&doc);
        QCOMPARE(dialog.outputPath(), dir.filePath("export.rankpo-pairs.jsonl"));
        ExportChoices c;
        c.format = DataFormat::Csv;
        dialog.setChoices(c);
        QCOMPARE(dialog.outputPath(), dir.filePath("export.csv")); // follows the format until edited
        QVERIFY(!dialog.findChildren<QRadioButton*>().at(0)->isEnabled()); // CSV has ties: no tie policy
        c.format = DataFormat::TrlDpo;
        c.ties = db::TiePolicy::Half;
        c.weightColumn = true;
        dialog.setChoices(c);
        QVERIFY(dialog.choices().ties == db::TiePolicy::Half);
        QVERIFY(dialog.choices().weightColumn);
        QVERIFY(dialog.description().contains("weight 0.5"));
        const QString out = dir.filePath("chosen.jsonl");
        dialog.setOutputPath(out);
        QVERIFY(dialog.runExport());
        QCOMPARE(dialog.report().rows, std::int64_t(4));
        QCOMPARE(jsonLines(out).size(), std::size_t(4));
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestExportSettings)
#include "tst_export_settings.moc"
