// The import wizard: formats, preview and line-numbered validation before anything is written; the
// import itself; cancel writes nothing.
#include "core/util/error.h"
#include "tests/support/test_files.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/common/background_task.h"
#include "ui/io/import_validation.h"
#include "ui/io/import_wizard.h"
#include "ui/document/project_document.h"

#include <QAbstractButton>
#include <QPlainTextEdit>
#include <QTableWidget>

using namespace rankpo;
using namespace rankpo::ui;

namespace {

const char* kGood = R"({"query": "Job one text", "passage1": "Candidate one", "passage2": "Candidate two", "preferred": "A", "confidence_score": 80})";
const char* kGood2 = R"({"query": "Job two text", "passage1": "Candidate three", "passage2": "Candidate one", "preferred": "B"})";

std::string pairsFile(const QTemporaryDir& dir, const std::string& name, bool withErrors)
{
    std::string text = std::string(kGood) + "\n\n";
    if (withErrors)
        text += "{not json\n" + std::string(R"({"query": "J", "passage1": "a", "passage2": "b", "preferred": "C"})") + "\n";
    text += std::string(kGood2) + "\n";
    return test::writeFile(dir, name, text);
}

} // namespace

class TestImportWizard : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { test::isolateSettings(m_settings); }

    void checkReportsLinesAndPreview()
    {
        QTemporaryDir dir;
        const FileCheck c = checkImportFile(pairsFile(dir, "pairs.jsonl", true), {});
        QVERIFY(*c.format == DataFormat::RankPOPairs);
        QVERIFY(c.fileError.empty());
        QCOMPARE(c.records, std::size_t(2));
        QCOMPARE(c.invalid, std::size_t(2));
        QCOMPARE(c.problems.size(), std::size_t(2));
        QCOMPARE(c.problems[0].line, std::size_t(3));
        QCOMPARE(c.problems[1].line, std::size_t(4));
        QVERIFY(QString::fromStdString(c.problems[1].reason).contains("preferred"));
        QCOMPARE(c.preview.size(), std::size_t(2));
        QCOMPARE(c.preview[0].line, std::size_t(1));
        QCOMPARE(c.preview[0].job, QStringLiteral("Job one text"));
        QCOMPARE(c.preview[0].first, QStringLiteral("Candidate one"));
        QCOMPARE(c.preview[0].outcome, QStringLiteral("A (80)"));
        QCOMPARE(c.preview[1].line, std::size_t(5));
        QCOMPARE(c.preview[1].outcome, QStringLiteral("B"));
        QVERIFY(!c.ok());
        const QString report = problemReport({c});
        QVERIFY(report.startsWith("pairs.jsonl:3: "));
        QVERIFY(report.contains("\npairs.jsonl:4: "));
    }

    void checkCsvAndLabels()
    {
        QTemporaryDir dir;
        const std::string csv = test::writeFile(dir, "p.csv",
                                                "job,candidate_a,candidate_b,preferred\n"
                                                "J,\"A, with comma\",B,tie\n"
                                                "J,A,B,maybe\n");
        FileCheck c = checkImportFile(csv, {});
        QVERIFY(*c.format == DataFormat::Csv);
        QCOMPARE(c.records, std::size_t(1));
        QCOMPARE(c.preview[0].first, QStringLiteral("A, with comma"));
        QCOMPARE(c.preview[0].outcome, QStringLiteral("tie"));
        QCOMPARE(c.problems.size(), std::size_t(1));
        QCOMPARE(c.problems[0].line, std::size_t(3));

        c = checkImportFile(test::sampleFile("train_data-sample.jsonl"), {});
        QVERIFY(*c.format == DataFormat::RankPOContrastive);
        QCOMPARE(c.records, std::size_t(10));
        QVERIFY(c.ok());
        QVERIFY(c.preview.front().outcome.startsWith("relevance "));
    }

    void undetectableFormatIsAFileError()
    {
        QTemporaryDir dir;
        const FileCheck c = checkImportFile(test::writeFile(dir, "x.txt", "hello world\n"), {});
        QVERIFY(!c.format);
        QVERIFY(!c.fileError.empty());
        QVERIFY(!c.ok());
    }

    void checkCanStop()
    {
        ImportCheckOptions options;
        options.progress = [](std::uint64_t, std::uint64_t) { return false; };
        const FileCheck c = checkImportFile(test::sampleFile("annotated_pair_data-sample.jsonl"), options);
        QVERIFY(c.cancelled);
        QVERIFY(c.records < 100);
    }

    void wizardChecksThenImports()
    {
        QTemporaryDir dir;
        test::ProjectBuilder(dir.filePath("w.rankpo").toStdString()).close();
        ProjectDocument doc(ProjectDocument::openStore(dir.filePath("w.rankpo"), false));
        QSignalSpy dataChanged(&doc, &ProjectDocument::dataChanged);
        ImportWizard wizard(&doc);
        ImportChoices choices;
        choices.files = {QString::fromStdString(test::sampleFile("annotated_pair_data-sample.jsonl"))};
        wizard.setChoices(choices);
        wizard.show();
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ImportWizard::CheckPageId));
        wizard.waitForWork();
        QVERIFY(wizard.checkFinished());
        QCOMPARE(wizard.checks().size(), std::size_t(1));
        QCOMPARE(wizard.checks()[0].records, std::size_t(100));
        QVERIFY(wizard.findChild<QTableWidget*>("importPreview")->rowCount() == 20);
        QCOMPARE(test::countRows(doc.store(), "SELECT count(*) FROM preferences"), std::int64_t(0)); // nothing yet
        QVERIFY(wizard.button(QWizard::CommitButton)->isEnabled());
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ImportWizard::ImportPageId));
        wizard.waitForWork();
        QVERIFY(wizard.importSucceeded());
        QCOMPARE(wizard.report().records, std::size_t(100));
        QCOMPARE(test::countRows(doc.store(), "SELECT count(*) FROM preferences"), std::int64_t(100));
        // Once from the wizard; the document's watch for others' changes may have seen the commit first.
        QVERIFY(dataChanged.count() >= 1 && dataChanged.count() <= 2);
    }

    void wizardPreviewsAndImportsAFolderOfDocuments()
    {
        QTemporaryDir dir;
        test::ProjectBuilder(dir.filePath("d.rankpo").toStdString()).close();
        ProjectDocument doc(ProjectDocument::openStore(dir.filePath("d.rankpo"), false));
        QTemporaryDir folder;
        test::writeFile(folder, "jane.txt", "Jane Doe\n\nExperience\nResearch engineer in optics\n\nSkills\nC++\n");
        test::writeFile(folder, "omar.md", "# Omar Khan\n\n## Education\nPhD Chemistry\n");
        test::writeFile(folder, "broken.pdf", "%PDF-1.4 garbage");
        test::writeFile(folder, "old.doc", "x");
        ImportWizard wizard(&doc);
        ImportChoices choices;
        choices.files = {folder.path()};
        choices.pool = db::PoolKind::Candidates;
        wizard.setChoices(choices);
        wizard.show();
        wizard.next();
        wizard.waitForWork();
        QTRY_VERIFY(wizard.checkFinished());
        QCOMPARE(wizard.poolCheck().texts, std::size_t(2));
        QCOMPARE(wizard.poolCheck().invalid.size(), std::size_t(1));
        QCOMPARE(wizard.poolCheck().unsupported.size(), std::size_t(1));
        auto* preview = wizard.findChild<QTableWidget*>("importPreview");
        QCOMPARE(preview->rowCount(), 2);
        QCOMPARE(preview->item(0, 1)->text(), QStringLiteral("jane.txt"));
        QVERIFY(preview->item(0, 2)->text().contains("Research engineer in optics"));
        const QString problems = wizard.findChild<QPlainTextEdit*>("importProblems")->toPlainText();
        QVERIFY2(problems.contains("broken.pdf") && problems.contains("old.doc"), qPrintable(problems));
        QCOMPARE(test::countRows(doc.store(), "SELECT count(*) FROM candidates"), std::int64_t(0)); // nothing yet
        QVERIFY(!wizard.button(QWizard::CommitButton)->isEnabled()); // strict: the broken PDF blocks
        wizard.back();
        choices.skipInvalid = true;
        wizard.setChoices(choices);
        wizard.next();
        wizard.waitForWork();
        QTRY_VERIFY(wizard.checkFinished());
        QVERIFY(wizard.button(QWizard::CommitButton)->isEnabled());
        wizard.next();
        wizard.waitForWork();
        QTRY_VERIFY(wizard.importFinished());
        QVERIFY(wizard.importSucceeded());
        QCOMPARE(wizard.poolReport().counts.added, std::int64_t(2));
        QCOMPARE(wizard.poolReport().skipped.size(), std::size_t(1));
        QCOMPARE(test::countRows(doc.store(), "SELECT count(*) FROM candidates WHERE sections IS NOT NULL"), std::int64_t(2));
    }

    void invalidRecordsBlockUnlessSkipped()
    {
        QTemporaryDir dir;
        test::ProjectBuilder(dir.filePath("w.rankpo").toStdString()).close();
        ProjectDocument doc(ProjectDocument::openStore(dir.filePath("w.rankpo"), false));
        ImportWizard wizard(&doc);
        ImportChoices choices;
        choices.files = {QString::fromStdString(pairsFile(dir, "bad.jsonl", true))};
        wizard.setChoices(choices);
        wizard.show();
        wizard.next();
        wizard.waitForWork();
        QVERIFY(!wizard.button(QWizard::CommitButton)->isEnabled());
        QVERIFY(wizard.findChild<QPlainTextEdit*>("importProblems")->toPlainText().contains("bad.jsonl:3:"));

        wizard.back();
        choices.skipInvalid = true;
        wizard.setChoices(choices);
        wizard.next();
        wizard.waitForWork();
        QVERIFY(wizard.button(QWizard::CommitButton)->isEnabled());
        wizard.next();
        wizard.waitForWork();
        QVERIFY(wizard.importSucceeded());
        QCOMPARE(wizard.report().skippedCount, std::size_t(2));
        QCOMPARE(test::countRows(doc.store(), "SELECT count(*) FROM preferences"), std::int64_t(2));
    }

    void cancelledImportWritesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("c.rankpo");
        test::ProjectBuilder(path.toStdString()).close();
        ImportChoices choices;
        choices.files = {QString::fromStdString(test::sampleFile("annotated_pair_data-sample.jsonl"))};
        TaskControl control;
        control.cancel();
        try {
            importIntoProject(path, choices, control);
            QFAIL("a cancelled import must throw");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Cancelled);
        }
        auto store = db::ProjectStore::open(path.toStdString());
        const auto stats = store->stats();
        QCOMPARE(stats.pairs, std::int64_t(0));
        QCOMPARE(stats.jobs, std::int64_t(0));
        QCOMPARE(stats.preferencesAi, std::int64_t(0));
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestImportWizard)
#include "tst_import_wizard.moc"
