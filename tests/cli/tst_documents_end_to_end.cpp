// The README's "From your own files" path on documents the test writes from the paper's sample texts: job
// descriptions and résumés as PDF, DOCX, HTML, Markdown and text in folders, imported as pools (each document's
// words found in the stored text), pairs made with the built-in model (ranks recorded), handed to an external
// judge as a file and read back, then a RankPO run (tiny model) and an evaluation of a project without labels.
#include "core/documents/cp1252_codec.h"
#include "db/project_store.h"
#include "db/store_access.h"
#include "tests/support/document_fixtures.h"
#include "tests/cli/cli_runner.h"
#include "tests/support/docx_fixture.h"
#include "tests/support/minimal_pdf_writer.h"
#include "tests/support/sample_texts.h"
#include "tests/support/test_files.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

using rankpo::test::runRankpo;

using rankpo::test::wordsOf;
using rankpo::test::htmlOf;

namespace {

// Writes `text` as document number `i` of a folder, cycling through the formats; returns the words the stored
// text must have (the PDF writer has Windows-1252 letters only).
std::pair<std::string, std::string> writeDocument(const std::string& folder, int i, const std::string& text)
{
    const std::string stem = folder + "/" + std::to_string(i);
    switch (i % 5) {
    case 0: {
        rankpo::test::MinimalPdfWriter pdf;
        for (auto& page : rankpo::test::MinimalPdfWriter::layout(text))
            pdf.addTextPage(page);
        std::ofstream(stem + ".pdf", std::ios::binary) << pdf.bytes();
        return {std::to_string(i) + ".pdf", rankpo::cp1252ToUtf8(rankpo::utf8ToCp1252(text))};
    }
    case 1:
        rankpo::test::writeDocx(stem + ".docx", rankpo::test::wordDocumentXml(rankpo::test::paragraphsXml(text)));
        return {std::to_string(i) + ".docx", text};
    case 2:
        std::ofstream(stem + ".html", std::ios::binary) << htmlOf(text);
        return {std::to_string(i) + ".html", text};
    case 3:
        std::ofstream(stem + ".md", std::ios::binary) << text;
        return {std::to_string(i) + ".md", text};
    default:
        std::ofstream(stem + ".txt", std::ios::binary) << "\xEF\xBB\xBF" << text;
        return {std::to_string(i) + ".txt", text};
    }
}

std::map<std::string, std::string> stored(const QString& project, const char* table)
{
    auto store = rankpo::db::ProjectStore::open(project.toStdString());
    auto st = rankpo::db::connectionOf(*store).prepare(std::string("SELECT external_id, text FROM ") + table);
    std::map<std::string, std::string> out;
    while (st.step())
        out[std::string(st.textView(0))] = std::string(st.textView(1));
    return out;
}

} // namespace

class TestDocumentsEndToEnd : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fromYourOwnFiles()
    {
        namespace fs = std::filesystem;
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        fs::create_directories(root + "/jobs");
        fs::create_directories(root + "/cvs/archive");
        const auto rows = rankpo::test::readJsonLines(rankpo::test::sampleFile("annotated_pair_data-sample.jsonl"));
        std::map<std::string, std::string> jobs, candidates; // external id -> expected text
        std::set<std::string> seenJobs, seenCandidates;
        for (const auto& row : rows) {
            const std::string query = row.at("query");
            if (jobs.size() < 5 && seenJobs.insert(query).second) {
                const auto [id, text] = writeDocument(root + "/jobs", static_cast<int>(jobs.size()), query);
                jobs[id] = text;
            }
            for (const char* field : {"passage1", "passage2"}) {
                const std::string passage = row.at(field);
                if (candidates.size() < 15 && seenCandidates.insert(passage).second) {
                    const int n = static_cast<int>(candidates.size());
                    // A few in a subfolder: their ids carry it.
                    const std::string folder = n % 4 == 3 ? root + "/cvs/archive" : root + "/cvs";
                    auto [id, text] = writeDocument(folder, n, passage);
                    candidates[(n % 4 == 3 ? "archive/" : "") + id] = text;
                }
            }
        }
        rankpo::test::writeFile(dir, "cvs/old.doc", "not a docx");

        const QString project = dir.filePath("own.rankpo");
        QCOMPARE(runRankpo({"init", project}).exitCode, 0);
        auto r = runRankpo({"import", project, dir.filePath("jobs"), "--pool", "jobs"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runRankpo({"import", project, dir.filePath("cvs"), "--pool", "candidates", "--recursive"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("old.doc"), qPrintable(r.err));
        const auto storedJobs = stored(project, "jobs");
        const auto storedCandidates = stored(project, "candidates");
        QCOMPARE(storedJobs.size(), jobs.size());
        QCOMPARE(storedCandidates.size(), candidates.size());
        for (const auto& [id, text] : jobs)
            QVERIFY2(storedJobs.count(id) && wordsOf(storedJobs.at(id)) == wordsOf(text), id.c_str());
        for (const auto& [id, text] : candidates)
            QVERIFY2(storedCandidates.count(id) && wordsOf(storedCandidates.at(id)) == wordsOf(text), id.c_str());

        // Pairs to judge, with the built-in model.
        const QStringList fast{"--max-length-job", "64", "--max-length-candidate", "64", "--threads", "2", "--device", "cpu"};
        r = runRankpo(QStringList{"make-pairs", project, "--per-job", "3", "--top", "6", "--json"} + fast);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto made = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(made["pairs_added"].get<int>(), 15);
        auto s = nlohmann::json::parse(runRankpo({"stats", project, "--json"}).out.toStdString());
        QCOMPARE(s["pairs"].get<int>(), 15);
        QCOMPARE(s["pairs_unjudged"].get<int>(), 15);

        // An external judge: the unjudged pairs out, judged rows back (here: always the first passage).
        QCOMPARE(runRankpo({"export", project, dir.filePath("todo.jsonl"), "--format", "rankpo-pairs", "--unjudged"}).exitCode, 0);
        {
            std::ifstream in(dir.filePath("todo.jsonl").toStdString());
            std::ofstream out(dir.filePath("judged.jsonl").toStdString());
            std::string line;
            int n = 0;
            while (std::getline(in, line)) {
                auto j = nlohmann::json::parse(line);
                QVERIFY(j.contains("passage_rank1") && j.contains("made_by"));
                j["preferred"] = n++ % 3 == 0 ? "B" : "A";
                j["model"] = "external-judge";
                out << j.dump() << "\n";
            }
            QCOMPARE(n, 15);
        }
        r = runRankpo({"import", project, dir.filePath("judged.jsonl")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        s = nlohmann::json::parse(runRankpo({"stats", project, "--json"}).out.toStdString());
        QCOMPARE(s["pairs"].get<int>(), 15);
        QCOMPARE(s["pairs_unjudged"].get<int>(), 0);
        QCOMPARE(s["preferences"]["ai"].get<int>(), 15);

        // Train and evaluate a project without rule labels.
        QCOMPARE(runRankpo({"split", project, "--test-fraction", "0.4"}).exitCode, 0);
        const QString tiny = QStringLiteral(RANKPO_SOURCE_DIR "/tests/reference/tiny-cls-bert");
        r = runRankpo(QStringList{"train", "rankpo", project, "--epochs", "1", "--base", tiny} + fast);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runRankpo(QStringList{"eval", project, "--model", "rankpo-1", "--json"} + fast);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto evaluation = nlohmann::json::parse(r.out.toStdString());
        QVERIFY(evaluation["nDCG@20"].is_null());
        QVERIFY(evaluation["alignment_ai_pairs"].get<int>() > 0);
    }
};

QTEST_GUILESS_MAIN(TestDocumentsEndToEnd)
#include "tst_documents_end_to_end.moc"
