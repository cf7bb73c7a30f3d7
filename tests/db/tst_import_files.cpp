// Importing every format: the real sample, dedupe rules, malformed input, strict and lenient modes.
#include "core/util/error.h"
#include "db/import_files.h"
#include "db/store_access.h"
#include "db/project_store.h"
#include "tests/support/test_files.h"

using namespace rankpo;
using namespace rankpo::db;

namespace {

struct Fixture {
    QTemporaryDir dir;
    std::unique_ptr<ProjectStore> store;
    Fixture() { store = ProjectStore::open(dir.path().toStdString() + "/p.rankpo", ProjectStore::OpenMode::Create); }
    std::string file(const std::string& name, const std::string& content) { return test::writeFile(dir, name, content); }
    ImportReport import(const std::vector<std::string>& files, ImportOptions options = {})
    {
        return importFiles(*store, files, options);
    }
    std::string importError(const std::vector<std::string>& files, ImportOptions options = {})
    {
        try {
            importFiles(*store, files, options);
        } catch (const Error& e) {
            return e.what();
        }
        return {};
    }
    std::int64_t count(const char* sql)
    {
        auto st = rankpo::db::connectionOf(*store).prepare(sql);
        st.step();
        return st.int64(0);
    }
};

std::string pairLine(const std::string& q, const std::string& a, const std::string& b, const std::string& preferred,
                     const std::string& extra = "")
{
    return R"({"query":")" + q + R"(","passage1":")" + a + R"(","passage2":")" + b + R"(","preferred":")" + preferred
        + "\"" + extra + "}\n";
}

} // namespace

class TestProjectImporter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void importsTheRealSample()
    {
        Fixture f;
        const auto report = f.import({test::sampleFile("annotated_pair_data-sample.jsonl"),
                                      test::sampleFile("train_data-sample.jsonl")});
        QCOMPARE(report.files.size(), std::size_t(2));
        QVERIFY(report.files[0].format == DataFormat::RankPOPairs);
        QVERIFY(report.files[1].format == DataFormat::RankPOContrastive);
        const auto s = f.store->stats();
        QCOMPARE(s.jobs, std::int64_t(110));
        QCOMPARE(s.candidates, std::int64_t(318));
        QCOMPARE(s.pairs, std::int64_t(100));
        QCOMPARE(s.preferencesAi, std::int64_t(100));
        QCOMPARE(s.preferencesHuman, std::int64_t(0));
        QCOMPARE(s.labelsPositive, std::int64_t(28));
        QCOMPARE(s.labelsNegative, std::int64_t(100));
        QCOMPARE(s.annotators.at("ai:deepseek-chat"), std::int64_t(100));
        // The sample's A won 65 of 100: the shown order is kept.
        QCOMPARE(f.count("SELECT count(*) FROM preferences WHERE choice = 'first'"), std::int64_t(65));
        QCOMPARE(f.count("SELECT count(*) FROM preferences WHERE confidence IS NULL OR rationale = ''"), std::int64_t(0));
        // Parsed profile sections are stored as valid JSON arrays.
        QCOMPARE(f.count("SELECT count(*) FROM candidates WHERE keywords IS NOT NULL AND json_valid(keywords) "
                         "AND json_valid(titles) AND json_valid(abstracts)"),
                 std::int64_t(318));
        QCOMPARE(f.count("SELECT count(*) FROM candidates WHERE json_array_length(abstracts) > 0"), std::int64_t(318));
        QVERIFY(f.store->findJob("https://jobs.sciencecareers.org/job/612954").has_value());
        QVERIFY(f.store->findCandidate("https://openalex.org/A5003189451").has_value());
        // Importing the same files again adds nothing.
        const auto again = f.import({test::sampleFile("annotated_pair_data-sample.jsonl"),
                                     test::sampleFile("train_data-sample.jsonl")});
        QCOMPARE(again.counts.jobsAdded + again.counts.candidatesAdded + again.counts.pairsAdded
                     + again.counts.preferencesAdded + again.counts.labelsAdded,
                 std::int64_t(0));
        QCOMPARE(again.counts.preferencesDuplicate, std::int64_t(100));
    }

    void dedupeRules()
    {
        Fixture f;
        const auto path = f.file("p.jsonl",
                                 pairLine("J", "A", "B", "A") +                  // a preference
                                 pairLine("J", "A", "B", "A") +                  // exact duplicate: stored once
                                 pairLine("J", "B", "A", "B") +                  // same judgement, swapped order: second preference
                                 pairLine("J", "A", "B", "A", R"(,"model":"x")") + // another judge: another preference
                                 pairLine("J", "A", "B", "B"));                  // a different winner: another preference
        const auto report = f.import({path});
        QCOMPARE(report.counts.pairsAdded, std::int64_t(1));
        QCOMPARE(report.counts.preferencesAdded, std::int64_t(4));
        QCOMPARE(report.counts.preferencesDuplicate, std::int64_t(1));
        QCOMPARE(f.count("SELECT count(*) FROM jobs"), std::int64_t(1));
        QCOMPARE(f.count("SELECT count(*) FROM candidates"), std::int64_t(2));
        // Winner of the swapped judgement is the same candidate as the first one's.
        QCOMPARE(f.count("SELECT count(DISTINCT winner) FROM preference_outcomes WHERE annotator = '' AND winner IS NOT NULL "
                         "AND preference_id IN (1, 2)"),
                 std::int64_t(1));
    }

    void strictModeLeavesTheProjectUntouched()
    {
        Fixture f;
        f.import({f.file("ok.jsonl", pairLine("J0", "A0", "B0", "A"))});
        const auto bad = f.file("bad.jsonl", pairLine("J1", "A1", "B1", "A") + "\n" + pairLine("J2", "A2", "B2", "A")
                                                  + R"({"query":"J3","passage1":"A3","passage2":"B3","preferred":"maybe"})" "\n");
        const std::string message = f.importError({bad});
        QVERIFY2(message.find("bad.jsonl:4: field 'preferred'") != std::string::npos, message.c_str());
        QCOMPARE(f.count("SELECT count(*) FROM jobs"), std::int64_t(1));
        QCOMPARE(f.count("SELECT count(*) FROM preferences"), std::int64_t(1));
        // Also across files: the second file's error undoes the first file.
        const auto good = f.file("good.jsonl", pairLine("J5", "A5", "B5", "B"));
        QVERIFY(!f.importError({good, bad}).empty());
        QCOMPARE(f.count("SELECT count(*) FROM jobs"), std::int64_t(1));
    }

    void skipInvalidImportsTheRest()
    {
        Fixture f;
        const std::string invalidUtf8 = "{\"query\":\"J\xC3\x28\",\"passage1\":\"a\",\"passage2\":\"b\",\"preferred\":\"A\"}\n";
        const auto path = f.file("mixed.jsonl",
                                 "\xEF\xBB\xBF" + pairLine("J1", "A", "B", "A") + "not json\r\n" + "[1,2]\n" + "\n"
                                     + R"({"query":"J","passage1":"a","passage2":"b"})" "\n" + invalidUtf8
                                     + pairLine("J2", "A", "C", "B"));
        ImportOptions options;
        options.skipInvalid = true;
        const auto report = f.import({path}, options);
        QCOMPARE(report.records, std::size_t(2));
        QCOMPARE(report.skippedCount, std::size_t(4));
        std::vector<std::size_t> lines;
        for (const auto& s : report.skipped)
            lines.push_back(s.line);
        QCOMPARE(lines, (std::vector<std::size_t>{2, 3, 5, 6}));
        QVERIFY(report.skipped[3].reason.find("invalid UTF-8") != std::string::npos);
        QCOMPARE(f.count("SELECT count(*) FROM preferences"), std::int64_t(2));
    }

    void externalIdConflictIsAnError()
    {
        Fixture f;
        const auto path = f.file("c.jsonl", pairLine("J1", "A", "B", "A", R"(,"query_id":"q1")")
                                                + pairLine("J2", "C", "D", "A", R"(,"query_id":"q1")"));
        const std::string message = f.importError({path});
        QVERIFY2(message.find("c.jsonl:2: job id 'q1' already names a different job text") != std::string::npos,
                 message.c_str());
        ImportOptions lenient;
        lenient.skipInvalid = true;
        const auto report = f.import({path}, lenient);
        QCOMPARE(report.skippedCount, std::size_t(1));
        // The skipped record left nothing behind: not even its new candidates C and D.
        QCOMPARE(f.count("SELECT count(*) FROM candidates"), std::int64_t(2));
        QCOMPARE(f.count("SELECT count(*) FROM jobs"), std::int64_t(1));
    }

    void sourceAndAnnotatorOptions()
    {
        Fixture f;
        const auto path = f.file("h.jsonl", pairLine("J", "A", "B", "A", R"(,"model":"gpt")"));
        ImportOptions options;
        options.source = PreferenceSource::Human;
        options.annotator = std::string("alice");
        f.import({path}, options);
        const auto prefs = f.store->preferences();
        QCOMPARE(prefs.size(), std::size_t(1));
        QVERIFY(prefs[0].source == PreferenceSource::Human);
        QCOMPARE(prefs[0].annotator, std::string("alice"));
    }

    void otherFormats()
    {
        Fixture f;
        const auto trl = f.file("t.jsonl", R"({"prompt":"Job","chosen":"Good","rejected":"Bad"})" "\n");
        const auto csv = f.file("p.csv", "job,candidate_a,candidate_b,preferred,confidence,annotator\n"
                                         "Job,Good,Other,tie,50,bob\n");
        const auto corpus = f.file("corpus.jsonl", R"({"text":"Doc zero"})" "\n" R"({"text":"Doc one"})" "\n"
                                                   R"({"text":"Doc two"})" "\n");
        const auto queries = f.file("q.jsonl", R"({"query":{"text":"Eval job"},"positives":{"index":[0,2]}})" "\n");
        ImportOptions eval;
        eval.corpusPath = corpus;
        f.import({trl, csv});
        f.import({queries}, eval);
        const auto s = f.store->stats();
        QCOMPARE(s.preferencesAi, std::int64_t(2));
        QCOMPARE(s.ties, std::int64_t(1));
        QCOMPARE(s.labelsPositive, std::int64_t(2));
        QCOMPARE(s.candidates, std::int64_t(6));

        // qrels name existing jobs and candidates by id.
        const auto qrels = f.file("r.qrels", "J1 0 C1 2\nJ1 0 C2 0\n");
        f.import({qrels});
        QCOMPARE(f.count("SELECT relevance FROM labels WHERE job_id = 1 AND candidate_id = 1"), std::int64_t(2));
        const auto unknown = f.file("u.qrels", "nope 0 C1 1\n");
        QVERIFY(f.importError({unknown}).find("u.qrels:1: unknown job 'nope'") != std::string::npos);

        // rankpo-eval without its corpus is a usage error; an index past the corpus a data error.
        QVERIFY(f.importError({queries}).find("--corpus") != std::string::npos);
        const auto far = f.file("far.jsonl", R"({"query":{"text":"Eval job"},"positives":{"index":[3]}})" "\n");
        QVERIFY(f.importError({far}, eval).find("far.jsonl:1: positives.index[0]: corpus line 3 does not exist") != std::string::npos);
    }

    void unreadableAndUndetectableFiles()
    {
        Fixture f;
        QVERIFY(f.importError({"/nonexistent/x.jsonl"}).find("/nonexistent/x.jsonl") != std::string::npos);
        QVERIFY(f.importError({f.dir.path().toStdString()}).find("is a directory") != std::string::npos);
        const auto odd = f.file("odd.jsonl", "\n\n{\"hello\": 1}\n");
        QVERIFY(f.importError({odd}).find("odd.jsonl:3: cannot tell the format") != std::string::npos);
        const auto empty = f.file("empty.jsonl", "\n\n");
        QVERIFY(f.importError({empty}).find("holds no records") != std::string::npos);
        QVERIFY(f.importError({"/nonexistent/x.jsonl"}).find("No such file") != std::string::npos);
        // UTF-16 (what spreadsheets on Windows save as "Unicode text") is named, with or without --format.
        const auto utf16 = f.file("utf16.csv", std::string("\xFF\xFEj\0o\0b\0", 8));
        QVERIFY(f.importError({utf16}).find("utf16.csv: the file is UTF-16 encoded (byte-order mark FF FE)") != std::string::npos);
        ImportOptions csv;
        csv.format = DataFormat::Csv;
        const auto utf16be = f.file("utf16be.csv", std::string("\xFE\xFF\0j\0o", 6));
        QVERIFY(f.importError({utf16be}, csv).find("UTF-16 encoded (byte-order mark FE FF)") != std::string::npos);
        QCOMPARE(f.count("SELECT count(*) FROM jobs"), std::int64_t(0));
    }

    void cancellingWritesNothing()
    {
        Fixture f;
        std::string lines;
        for (int i = 0; i < 3000; ++i)
            lines += pairLine("J" + std::to_string(i), "A", "B", "A");
        const auto path = f.file("big.jsonl", lines);
        ImportOptions options;
        options.progress = [](std::uint64_t done, std::uint64_t) { return done == 0; };
        try {
            f.import({path}, options);
            QFAIL("expected a cancellation");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Cancelled);
        }
        QCOMPARE(f.count("SELECT count(*) FROM jobs"), std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestProjectImporter)
#include "tst_import_files.moc"
