// Exporting: round trips per format, multi-preference policies, ties, filters.
#include "core/util/error.h"
#include "db/export_project.h"
#include "db/import_files.h"
#include "db/project_store.h"
#include "tests/support/test_files.h"

#include <nlohmann/json.hpp>

using namespace rankpo;
using namespace rankpo::db;

namespace {

std::unique_ptr<ProjectStore> newProject(const QTemporaryDir& dir, const std::string& name)
{
    return ProjectStore::open(dir.path().toStdString() + "/" + name, ProjectStore::OpenMode::Create);
}

std::vector<nlohmann::json> jsonLines(const std::string& path)
{
    std::vector<nlohmann::json> rows;
    std::istringstream in(test::readFile(path));
    std::string line;
    while (std::getline(in, line))
        rows.push_back(nlohmann::json::parse(line));
    return rows;
}

} // namespace

class TestProjectExporter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripsAreByteIdentical_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("rankpo-pairs") << "rankpo-pairs";
        QTest::newRow("trl-dpo") << "trl-dpo";
        QTest::newRow("csv") << "csv";
        QTest::newRow("rankpo-contrastive") << "rankpo-contrastive";
    }
    void roundTripsAreByteIdentical()
    {
        QFETCH(QString, format);
        QTemporaryDir dir;
        auto source = newProject(dir, "a.rankpo");
        importFiles(*source, {test::sampleFile("annotated_pair_data-sample.jsonl"), test::sampleFile("train_data-sample.jsonl")}, {});
        ExportOptions options;
        options.format = *formatFromName(format.toStdString());
        const std::string first = dir.path().toStdString() + "/first";
        const auto report = exportProject(*source, first, options);
        QCOMPARE(report.rows, options.format == DataFormat::RankPOContrastive ? std::int64_t(10) : std::int64_t(100));

        auto copy = newProject(dir, "b.rankpo");
        ImportOptions importOptions;
        importOptions.format = options.format;
        importFiles(*copy, {first}, importOptions);
        const std::string second = dir.path().toStdString() + "/second";
        exportProject(*copy, second, options);
        QCOMPARE(test::readFile(second), test::readFile(first));
    }

    void pairsExportKeepsTheSampleFields()
    {
        QTemporaryDir dir;
        auto store = newProject(dir, "a.rankpo");
        importFiles(*store, {test::sampleFile("annotated_pair_data-sample.jsonl")}, {});
        const std::string out = dir.path().toStdString() + "/out.jsonl";
        exportProject(*store, out, {});
        const auto rows = jsonLines(out);
        const auto original = nlohmann::json::parse(test::readFile(test::sampleFile("annotated_pair_data-sample.jsonl")).substr(0, test::readFile(test::sampleFile("annotated_pair_data-sample.jsonl")).find('\n')));
        for (const char* field : {"query", "passage1", "passage2", "preferred", "confidence_score", "comparison", "model",
                                  "query_id", "passage_id1", "passage_id2", "created"})
            QVERIFY2(rows[0][field] == original[field], field);
    }

    void qrelsRoundTrip()
    {
        QTemporaryDir dir;
        auto store = newProject(dir, "a.rankpo");
        importFiles(*store, {test::sampleFile("train_data-sample.jsonl")}, {});
        ExportOptions options;
        options.format = DataFormat::TrecQrels;
        const std::string out = dir.path().toStdString() + "/labels.qrels";
        QCOMPARE(exportProject(*store, out, options).rows, std::int64_t(128));
        // Re-importing into the same project changes nothing.
        const auto report = importFiles(*store, {out}, {});
        QCOMPARE(report.counts.labelsUnchanged, std::int64_t(128));
        QVERIFY(test::readFile(out).rfind("J1 0 C", 0) == 0);
    }

    void policiesAndTies()
    {
        QTemporaryDir dir;
        auto store = newProject(dir, "a.rankpo");
        // Pair (J, A, B): three judgements, two for A. Pair (J, A, C): one tie.
        const auto file = test::writeFile(dir, "p.csv",
                                          "job,candidate_a,candidate_b,preferred,confidence,annotator,created\n"
                                          "J,A,B,A,90,x,100\n"
                                          "J,B,A,B,80,y,200\n"
                                          "J,A,B,B,70,z,300\n"
                                          "J,A,C,tie,40,x,400\n");
        importFiles(*store, {file}, {});
        const std::string out = dir.path().toStdString() + "/out.jsonl";
        ExportOptions options;
        options.format = DataFormat::TrlDpo;

        auto report = exportProject(*store, out, options);
        QCOMPARE(report.rows, std::int64_t(3));
        QCOMPARE(report.tiesDropped, std::int64_t(1));

        options.policy = MultiPreferencePolicy::Majority;
        report = exportProject(*store, out, options);
        auto rows = jsonLines(out);
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0]["chosen"], nlohmann::json("A"));
        QCOMPARE(rows[0]["annotator"], nlohmann::json("y")); // the latest of the majority
        QCOMPARE(report.pairsMerged, std::int64_t(2));

        options.policy = MultiPreferencePolicy::Latest;
        exportProject(*store, out, options);
        rows = jsonLines(out);
        QCOMPARE(rows[0]["chosen"], nlohmann::json("B"));

        options.policy = MultiPreferencePolicy::All;
        options.ties = TiePolicy::Half;
        options.weightColumn = true;
        report = exportProject(*store, out, options);
        rows = jsonLines(out);
        QCOMPARE(rows.size(), std::size_t(5));
        QCOMPARE(report.tiesSplit, std::int64_t(1));
        QCOMPARE(rows[0]["weight"].get<double>(), 0.9);
        QCOMPARE(rows[3]["weight"].get<double>(), 0.2); // 0.4 confidence x 0.5 half tie
        QCOMPARE(rows[4]["chosen"], rows[3]["rejected"]);

        options.minimal = true;
        options.weightColumn = false;
        options.ties = TiePolicy::Drop;
        exportProject(*store, out, options);
        rows = jsonLines(out);
        QCOMPARE(rows[0].size(), std::size_t(3));
    }

    void filtersBySourceAnnotatorAndSplit()
    {
        QTemporaryDir dir;
        auto store = newProject(dir, "a.rankpo");
        const auto file = test::writeFile(dir, "p.csv",
                                          "job,candidate_a,candidate_b,preferred,source,annotator\n"
                                          "J1,A,B,A,ai,judge\nJ2,A,B,B,human,ann\nJ3,A,C,A,human,bob\n");
        importFiles(*store, {file}, {});
        store->assignSplit(0.5, 1);
        const std::string out = dir.path().toStdString() + "/out.csv";
        ExportOptions options;
        options.format = DataFormat::Csv;
        options.filter.source = PreferenceSource::Human;
        QCOMPARE(exportProject(*store, out, options).rows, std::int64_t(2));
        options.filter.annotator = std::string("bob");
        QCOMPARE(exportProject(*store, out, options).rows, std::int64_t(1));
        options.filter = {};
        options.filter.split = Split::Test;
        const auto testRows = exportProject(*store, out, options).rows;
        options.filter.split = Split::Train;
        QCOMPARE(exportProject(*store, out, options).rows + testRows, std::int64_t(3));
    }

    void unwritableOutputIsAClearErrorAndLeavesNoFile()
    {
        QTemporaryDir dir;
        auto store = newProject(dir, "a.rankpo");
        try {
            exportProject(*store, "/nonexistent-dir/out.jsonl", {});
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Io);
            QVERIFY(std::string(e.what()).find("/nonexistent-dir/out.jsonl") != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TestProjectExporter)
#include "tst_export_project.moc"
