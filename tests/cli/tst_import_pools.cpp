// `rankpo import --pool jobs|candidates` on documents and pools the test writes: folders of mixed documents
// (ids relative to the folder, subfolders included), unsupported files listed, strict and --skip-invalid,
// size limits, pools of records with facts, id conflicts, résumé sections, and the usage errors.
#include "core/documents/cp1252_codec.h"
#include "db/project_store.h"
#include "db/store_access.h"
#include "tests/support/document_fixtures.h"
#include "tests/cli/cli_runner.h"
#include "tests/support/docx_fixture.h"
#include "tests/support/minimal_pdf_writer.h"
#include "tests/support/sample_texts.h"
#include "tests/support/test_files.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <filesystem>
#include <map>

using rankpo::test::runRankpo;

using rankpo::test::wordsOf;
using rankpo::test::pdfOf;
using rankpo::test::htmlOf;

namespace {

// external id -> (text, source_format) of the project's jobs or candidates.
std::map<std::string, std::pair<std::string, std::string>> texts(const QString& project, const char* table)
{
    auto store = rankpo::db::ProjectStore::open(project.toStdString());
    auto st = rankpo::db::connectionOf(*store).prepare(std::string("SELECT external_id, text, coalesce(source_format, '') FROM ")
                                                        + table);
    std::map<std::string, std::pair<std::string, std::string>> out;
    while (st.step())
        out[std::string(st.textView(0))] = {std::string(st.textView(1)), std::string(st.textView(2))};
    return out;
}

QJsonObject stats(const QString& project)
{
    return QJsonDocument::fromJson(runRankpo({"stats", project, "--json"}).out.toUtf8()).object();
}

} // namespace

class TestImportPools : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.path() + "/" + name; }
    QString newProject(const char* name)
    {
        const QString p = path(name);
        if (runRankpo({"init", p}).exitCode != 0)
            qFatal("init failed");
        return p;
    }

private Q_SLOTS:
    void aFolderOfMixedDocumentsBecomesJobs()
    {
        namespace fs = std::filesystem;
        QTemporaryDir dir;
        for (const char* sub : {"a", "b"})
            fs::create_directories(dir.path().toStdString() + "/" + sub);
        const auto sample = rankpo::test::sampleTexts();
        std::map<std::string, std::string> expected;
        auto add = [&](const std::string& id, const std::string& bytes, const std::string& text) {
            rankpo::test::writeFile(dir, id, bytes);
            expected[id] = text;
        };
        // The PDF writer has Windows-1252 letters only.
        add("a/post.pdf", pdfOf(sample[0]), rankpo::cp1252ToUtf8(rankpo::utf8ToCp1252(sample[0])));
        add("b/post.pdf", pdfOf(sample[1]), rankpo::cp1252ToUtf8(rankpo::utf8ToCp1252(sample[1])));
        add("notes.txt", sample[2], sample[2]);
        add("readme.md", sample[3], sample[3]);
        add("page.html", htmlOf(sample[4]), sample[4]);
        const std::string docx = dir.path().toStdString() + "/post.docx";
        rankpo::test::writeDocx(docx, rankpo::test::wordDocumentXml(rankpo::test::paragraphsXml(sample[5])));
        expected["post.docx"] = sample[5];
        for (const char* skip : {"old.doc", "~$post.docx", "photo.png"})
            rankpo::test::writeFile(dir, skip, "x");

        const QString project = newProject("mixed.rankpo");
        // Without --recursive the subfolders are skipped and named.
        const auto flat = runRankpo({"import", project, dir.path(), "--pool", "jobs", "--skip-invalid"});
        QCOMPARE(flat.exitCode, 0);
        QVERIFY2(flat.out.contains("Added 4 jobs"), qPrintable(flat.out));
        QVERIFY2(flat.err.contains("old.doc") && flat.err.contains("photo.png") && flat.err.contains("/a: a subfolder"), qPrintable(flat.err));

        const auto r = runRankpo({"import", project, dir.path(), "--pool", "jobs", "--recursive"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Added 2 jobs (4 already in the project)"), qPrintable(r.out));
        QVERIFY2(r.err.contains("Not supported, skipped 3 file(s)"), qPrintable(r.err));
        QCOMPARE(stats(project)["jobs"].toInt(), 6);
        const auto stored = texts(project, "jobs");
        QCOMPARE(stored.size(), expected.size());
        for (const auto& [id, text] : expected) {
            QVERIFY2(stored.count(id), id.c_str());
            QCOMPARE(wordsOf(stored.at(id).first), wordsOf(text));
        }
        QCOMPARE(stored.at("a/post.pdf").second, std::string("pdf"));
        QCOMPARE(stored.at("post.docx").second, std::string("docx"));
        QCOMPARE(stored.at("page.html").second, std::string("html"));
        QVERIFY(stored.at("page.html").first.find("hidden") == std::string::npos);
        QCOMPARE(stored.at("notes.txt").second, std::string("txt"));
        QCOMPARE(stored.at("readme.md").second, std::string("md"));
    }

    void resumesKeepTheirSections()
    {
        QTemporaryDir dir;
        rankpo::test::writeFile(dir, "jane.txt",
                                "Jane Doe\njane@example.org\n\nExperience\nResearch engineer at Acme, 2019-2024.\n\n"
                                "Education\nMSc Physics, Leeds\n\nSkills\nC++, Python, PyTorch\n");
        rankpo::test::writeFile(dir, "plain.txt", "A text without any headings at all, just words about work.");
        const QString project = newProject("cv.rankpo");
        const auto r = runRankpo({"import", project, dir.path(), "--pool", "candidates"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Added 2 candidates"), qPrintable(r.out));
        auto store = rankpo::db::ProjectStore::open(project.toStdString());
        auto st = rankpo::db::connectionOf(*store).prepare(
            "SELECT external_id, text, coalesce(sections, '') FROM candidates ORDER BY external_id");
        QVERIFY(st.step());
        QCOMPARE(std::string(st.textView(0)), std::string("jane.txt"));
        const std::string text(st.textView(1));
        const auto sections = nlohmann::json::parse(std::string(st.textView(2)));
        QCOMPARE(sections.size(), std::size_t(3));
        QCOMPARE(sections[0]["kind"].get<std::string>(), std::string("experience"));
        QCOMPARE(sections[1]["heading"].get<std::string>(), std::string("Education"));
        QCOMPARE(sections[2]["kind"].get<std::string>(), std::string("skills"));
        const auto begin = sections[1]["begin"].get<std::size_t>(), end = sections[1]["end"].get<std::size_t>();
        QCOMPARE(text.substr(begin, end - begin), std::string("MSc Physics, Leeds"));
        QVERIFY(st.step());
        QCOMPARE(std::string(st.textView(2)), std::string());
    }

    void strictWritesNothingSkipInvalidListsEachFile()
    {
        QTemporaryDir dir;
        rankpo::test::writeFile(dir, "good.txt", "Lecturer in Chemistry, University of Leeds");
        rankpo::test::writeFile(dir, "broken.pdf", "%PDF-1.4 garbage");
        rankpo::test::writeFile(dir, "empty.docx", "");
        rankpo::test::MinimalPdfWriter scan;
        scan.addImagePage();
        rankpo::test::writeFile(dir, "scan.pdf", scan.bytes());
        const QString project = newProject("strict.rankpo");
        const auto strict = runRankpo({"import", project, dir.path(), "--pool", "jobs"});
        QCOMPARE(strict.exitCode, 1);
        QVERIFY2(strict.err.contains("broken.pdf"), qPrintable(strict.err));
        QVERIFY2(strict.err.contains("nothing was imported"), qPrintable(strict.err));
        QCOMPARE(stats(project)["jobs"].toInt(), 0);

        const auto lenient = runRankpo({"import", project, dir.path(), "--pool", "jobs", "--skip-invalid"});
        QCOMPARE(lenient.exitCode, 0);
        QVERIFY2(lenient.out.contains("Added 1 jobs"), qPrintable(lenient.out));
        QVERIFY2(lenient.err.contains("Skipped 3 invalid"), qPrintable(lenient.err));
        for (const char* name : {"broken.pdf", "empty.docx", "scan.pdf"})
            QVERIFY2(lenient.err.contains(name), name);
        QVERIFY2(lenient.err.contains("OCR"), qPrintable(lenient.err));

        const auto big = runRankpo({"import", project, path("none"), "--pool", "jobs"});
        QCOMPARE(big.exitCode, 1);
        QVERIFY2(big.err.contains("none"), qPrintable(big.err));
        const auto limit = runRankpo({"import", project, dir.path() + "/good.txt", "--pool", "jobs", "--max-size", "10B"});
        QCOMPARE(limit.exitCode, 1);
        QVERIFY2(limit.err.contains("good.txt"), qPrintable(limit.err));
        QCOMPARE(runRankpo({"import", project, dir.path() + "/good.txt", "--pool", "jobs", "--max-size", "ten"}).exitCode, 2);

        // Windows-1252 text: an error naming the file and byte offset, unless --encoding cp1252.
        QTemporaryDir latin;
        rankpo::test::writeFile(latin, "cafe.txt", "Caf\xE9 manager, M\xFCnchen");
        const auto utf8 = runRankpo({"import", project, latin.path(), "--pool", "jobs"});
        QCOMPARE(utf8.exitCode, 1);
        QVERIFY2(utf8.err.contains("cafe.txt") && utf8.err.contains("3"), qPrintable(utf8.err));
        const auto cp1252 = runRankpo({"import", project, latin.path(), "--pool", "jobs", "--encoding", "cp1252"});
        QCOMPARE(cp1252.exitCode, 0);
        QCOMPARE(texts(project, "jobs").at("cafe.txt").first, std::string("Caf\xC3\xA9 manager, M\xC3\xBCnchen"));
    }

    void poolsOfRecordsAndIdConflicts()
    {
        QTemporaryDir dir;
        rankpo::test::writeFile(dir, "jobs.jsonl",
                                "{\"id\": \"J-1\", \"text\": \"Research fellow in optics\", \"title\": \"Research Fellow\", "
                                "\"location\": \"Leeds\"}\n{\"id\": 2, \"text\": \"Lecturer in law\"}\n");
        rankpo::test::writeFile(dir, "more.csv", "ref,body\nJ-3,\"Professor of music, with a comma\"\n");
        rankpo::test::writeFile(dir, "bad.jsonl", "{\"id\": \"J-4\", \"text\": \"ok\"}\n{\"id\": \"J-5\"}\n");
        const QString project = newProject("records.rankpo");
        const auto r = runRankpo({"import", project, dir.path() + "/jobs.jsonl", "--pool", "jobs"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Added 2 jobs"), qPrintable(r.out));
        const auto csv = runRankpo({"import", project, dir.path() + "/more.csv", "--pool", "jobs", "--id-field", "ref",
                                    "--text-field", "body"});
        QCOMPARE(csv.exitCode, 0);
        const auto bad = runRankpo({"import", project, dir.path() + "/bad.jsonl", "--pool", "jobs"});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("bad.jsonl:2"), qPrintable(bad.err));
        QCOMPARE(stats(project)["jobs"].toInt(), 3);
        {
            auto store = rankpo::db::ProjectStore::open(project.toStdString());
            auto st = rankpo::db::connectionOf(*store).prepare(
                "SELECT title, location, source_format FROM jobs WHERE external_id = 'J-1'");
            QVERIFY(st.step());
            QCOMPARE(std::string(st.textView(0)), std::string("Research Fellow"));
            QCOMPARE(std::string(st.textView(1)), std::string("Leeds"));
            QCOMPARE(std::string(st.textView(2)), std::string("jsonl"));
        }
        // The same id for another text: an error naming the id and the file; nothing written.
        rankpo::test::writeFile(dir, "changed.jsonl", "{\"id\": \"J-1\", \"text\": \"Research fellow in acoustics\"}\n");
        const auto conflict = runRankpo({"import", project, dir.path() + "/changed.jsonl", "--pool", "jobs"});
        QCOMPARE(conflict.exitCode, 1);
        QVERIFY2(conflict.err.contains("changed.jsonl:1") && conflict.err.contains("'J-1'"), qPrintable(conflict.err));
        QCOMPARE(stats(project)["jobs"].toInt(), 3);
        // With --skip-invalid the conflict is listed and undone, and the other records go in.
        rankpo::test::writeFile(dir, "mixed.jsonl", "{\"id\": \"J-1\", \"text\": \"Research fellow in acoustics\"}\n"
                                                    "{\"id\": \"J-9\", \"text\": \"Reader in geology\"}\n");
        const auto skipped = runRankpo({"import", project, dir.path() + "/mixed.jsonl", "--pool", "jobs", "--skip-invalid"});
        QCOMPARE(skipped.exitCode, 0);
        QVERIFY2(skipped.out.contains("Added 1 jobs"), qPrintable(skipped.out));
        QVERIFY2(skipped.err.contains("mixed.jsonl:1") && skipped.err.contains("'J-1'"), qPrintable(skipped.err));
        QCOMPARE(stats(project)["jobs"].toInt(), 4);
        // The same text under a new id: deduplicated.
        rankpo::test::writeFile(dir, "again.jsonl", "{\"id\": \"other\", \"text\": \"Lecturer in law\"}\n");
        const auto again = runRankpo({"import", project, dir.path() + "/again.jsonl", "--pool", "jobs"});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains("Added 0 jobs (1 already in the project)"), qPrintable(again.out));
    }

    void usageErrors()
    {
        QTemporaryDir dir;
        rankpo::test::writeFile(dir, "post.txt", "Senior lecturer, grade 7\nWe are looking for 2\n");
        rankpo::test::writeFile(dir, "post.pdf", pdfOf("A job"));
        const QString project = newProject("usage.rankpo");
        const auto folder = runRankpo({"import", project, dir.path()});
        QCOMPARE(folder.exitCode, 2);
        QVERIFY2(folder.err.contains("--pool"), qPrintable(folder.err));
        const auto pdf = runRankpo({"import", project, dir.path() + "/post.pdf"});
        QCOMPARE(pdf.exitCode, 2);
        QVERIFY2(pdf.err.contains("--pool"), qPrintable(pdf.err));
        const auto txt = runRankpo({"import", project, dir.path() + "/post.txt"});
        QCOMPARE(txt.exitCode, 2);
        QVERIFY2(txt.err.contains("--pool"), qPrintable(txt.err));
        QCOMPARE(runRankpo({"import", project, dir.path(), "--pool", "jobs", "--format", "csv"}).exitCode, 2);
        QCOMPARE(runRankpo({"import", project, dir.path(), "--pool", "jobs", "--corpus", "x.jsonl"}).exitCode, 2);
        QCOMPARE(runRankpo({"import", project, dir.path(), "--pool", "people"}).exitCode, 2);
        QCOMPARE(runRankpo({"import", project, dir.path() + "/post.txt", "--recursive"}).exitCode, 2);
        QCOMPARE(stats(project)["jobs"].toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestImportPools)
#include "tst_import_pools.moc"
