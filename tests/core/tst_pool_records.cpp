// Pools of records (JSONL and CSV): ids and texts by configurable fields, job facts kept, errors that name
// FILE:LINE and let a lenient caller go on, streaming a large file, and the sample's texts round trip.
#include "core/formats/csv_record_reader.h"
#include "core/formats/pool_record_reader.h"
#include "core/formats/line_reader.h"
#include "tests/support/sample_texts.h"
#include "tests/support/test_files.h"

#include <nlohmann/json.hpp>

using namespace rankpo;

namespace {

struct ReadAll {
    std::vector<PoolRecord> records;
    std::vector<std::string> errors;
};

// Reads like an importer with --skip-invalid: record errors are listed, file errors stop.
ReadAll readAll(const std::string& path, PoolReaderOptions options = {})
{
    ReadAll out;
    PoolRecordReader reader(path, std::move(options));
    for (;;) {
        PoolRecord r;
        try {
            if (!reader.next(r))
                break;
            out.records.push_back(std::move(r));
        } catch (const PoolRecordError& e) {
            out.errors.push_back(e.what());
        }
    }
    return out;
}

std::string csvEscaped(const std::string& s)
{
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace

class TestPoolRecords : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsJsonl()
    {
        QTemporaryDir dir;
        const std::string path = test::writeFile(dir, "jobs.jsonl",
            "{\"id\": \"job-1\", \"text\": \"Lecturer in Statistics\\r\\nLeeds\", \"title\": \"Lecturer\", "
            "\"Location\": \"Leeds\", \"salary\": 42000, \"closing date\": \"1 May 2024\", \"employer\": \"UoL\", "
            "\"contract_type\": \"Permanent\", \"other\": [1, 2]}\n"
            "\n"
            "{\"id\": 17, \"text\": \"Postdoc\", \"deadline\": null}\n");
        const ReadAll all = readAll(path);
        QVERIFY(all.errors.empty());
        QCOMPARE(all.records.size(), std::size_t(2));
        const PoolRecord& a = all.records[0];
        QCOMPARE(a.externalId, std::string("job-1"));
        QCOMPARE(a.text, std::string("Lecturer in Statistics\nLeeds"));
        QCOMPARE(a.line, std::size_t(1));
        QCOMPARE(a.facts.title, std::string("Lecturer"));
        QCOMPARE(a.facts.location, std::string("Leeds"));
        QCOMPARE(a.facts.salary, std::string("42000"));
        QCOMPARE(a.facts.closingDate, std::string("1 May 2024"));
        QCOMPARE(a.facts.institution, std::string("UoL"));
        QCOMPARE(a.facts.contract, std::string("Permanent"));
        const PoolRecord& b = all.records[1];
        QCOMPARE(b.externalId, std::string("17"));
        QCOMPARE(b.line, std::size_t(3));
        QVERIFY(b.facts.empty());
    }

    void jsonlErrorsNameTheLineAndReadingGoesOn()
    {
        QTemporaryDir dir;
        const std::string path = test::writeFile(dir, "pool.jsonl",
            "{\"id\": \"a\", \"text\": \"ok\"}\n"
            "{\"text\": \"no id\"}\n"
            "{\"id\": \"\", \"text\": \"empty id\"}\n"
            "{\"id\": \"c\"}\n"
            "{\"id\": \"d\", \"text\": \"   \"}\n"
            "{\"id\": \"e\", \"text\": 5}\n"
            "{\"id\": 1.5, \"text\": \"x\"}\n"
            "not json\n"
            "{\"id\": \"f\", \"text\": \"fine\", \"title\": {\"nested\": 1}}\n"
            "{\"id\": \"g\", \"text\": \"last\"}\n");
        const ReadAll all = readAll(path);
        QCOMPARE(all.records.size(), std::size_t(2));
        QCOMPARE(all.records[1].externalId, std::string("g"));
        const std::vector<std::string> expected = {
            path + ":2: record has no id (no field 'id')",
            path + ":3: record has no id (field 'id' is empty)",
            path + ":4: record has no text (no field 'text')",
            path + ":5: field 'text' is empty",
            path + ":6: field 'text': expected a string, got a number",
            path + ":7: field 'id': expected a string or integer id, got a number",
            path + ":8: malformed JSON (The JSON document has an improper structure: missing or superfluous commas, braces, missing keys, etc.)",
            path + ":9: field 'title': expected a string or a number, got an object",
        };
        QCOMPARE(all.errors.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i)
            QVERIFY2(all.errors[i].rfind(expected[i].substr(0, expected[i].find(" (")), 0) == 0, all.errors[i].c_str());
        QCOMPARE(all.errors[0], expected[0]);
        QCOMPARE(all.errors[2], expected[2]);
    }

    void configurableFields()
    {
        QTemporaryDir dir;
        const std::string path = test::writeFile(dir, "cvs.jsonl", "{\"cv_id\": \"c1\", \"body\": \"Jane\", \"id\": \"ignored\"}\n");
        PoolReaderOptions options;
        options.idField = "cv_id";
        options.textField = "body";
        const ReadAll all = readAll(path, options);
        QCOMPARE(all.records.size(), std::size_t(1));
        QCOMPARE(all.records[0].externalId, std::string("c1"));
        QCOMPARE(all.records[0].text, std::string("Jane"));
    }

    void readsCsv()
    {
        QTemporaryDir dir;
        const std::string path = test::writeFile(dir, "jobs.csv",
            "ID,Title,text,Location,Salary\r\n"
            "j1,Lecturer,\"Lecturer in Statistics\r\nLeeds, UK\",Leeds,\"£42,000\"\r\n"
            "\r\n"
            "j2,,\"He said \"\"hi\"\"\",,\r\n"
            ",Orphan,no id,,\r\n"
            "j4,Ghost,,,\r\n"
            "j5,Short\r\n"
            "j6,Bad,\"unterminated\r\n");
        const ReadAll all = readAll(path);
        QCOMPARE(all.records.size(), std::size_t(2));
        QCOMPARE(all.records[0].externalId, std::string("j1"));
        QCOMPARE(all.records[0].text, std::string("Lecturer in Statistics\nLeeds, UK"));
        QCOMPARE(all.records[0].line, std::size_t(2));
        QCOMPARE(all.records[0].facts.title, std::string("Lecturer"));
        QCOMPARE(all.records[0].facts.location, std::string("Leeds"));
        QCOMPARE(all.records[0].facts.salary, std::string("\xC2\xA3" "42,000"));
        QCOMPARE(all.records[1].text, std::string("He said \"hi\""));
        QCOMPARE(all.records[1].line, std::size_t(5));
        QVERIFY(all.records[1].facts.empty());
        QCOMPARE(all.errors, (std::vector<std::string>{
                                 path + ":6: record has no id (column 'id' is empty)",
                                 path + ":7: record has no text (column 'text' is empty)",
                                 path + ":8: expected 5 columns as in the header, got 2",
                                 path + ":9: unterminated quoted field (opened on this line, file ended)",
                             }));
    }

    void csvHeaderWithoutTheColumnsIsAFileError()
    {
        QTemporaryDir dir;
        const std::string path = test::writeFile(dir, "bad.csv", "name,body\nx,y\n");
        PoolRecordReader reader(path);
        PoolRecord r;
        for (int attempt = 0; attempt < 2; ++attempt) {
            try {
                reader.next(r);
                QFAIL("expected an error");
            } catch (const PoolRecordError&) {
                QFAIL("a header problem is not a record problem");
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::Data);
                QCOMPARE(std::string(e.what()), path + ":1: the CSV header has no 'id' and 'text' column (columns: name, body)");
            }
        }
        try {
            PoolRecordReader other(dir.path().toStdString() + "/pool.txt");
            QFAIL("expected an error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Usage);
        }
        try {
            PoolRecordReader missing(dir.path().toStdString() + "/missing.jsonl");
            QFAIL("expected an error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Io);
        }
    }

    void theExistingCsvReaderStillNamesItsLines()
    {
        // CsvRecordReader now reads its fields through CsvFieldReader; a bad row still names its first line.
        QTemporaryDir dir;
        const std::string path = test::writeFile(dir, "pairs.csv", "job,candidate_a,candidate_b,preferred\n"
                                                                   "j,a,b,A\n\"j\n2\",a,b,X\n");
        LineReader lines(path);
        CsvRecordReader reader(lines);
        ParsedRecord record;
        QVERIFY(reader.next(record));
        QCOMPARE(reader.recordLine(), std::size_t(2));
        record.clear();
        try {
            reader.next(record);
            QFAIL("expected an error");
        } catch (const RecordError& e) {
            QCOMPARE(reader.recordLine(), std::size_t(3));
            QVERIFY(e.reason.find("preferred") != std::string::npos);
        }
    }

    void sampleTextsRoundTripThroughBothFormats()
    {
        QTemporaryDir dir;
        const auto texts = test::sampleTexts();
        std::string jsonl, csv = "id,text\n";
        const std::size_t n = 300;
        for (std::size_t i = 0; i < n; ++i) {
            jsonl += nlohmann::json{{"id", "t" + std::to_string(i)}, {"text", texts[i]}}.dump() + "\n";
            csv += "t" + std::to_string(i) + "," + csvEscaped(texts[i]) + "\n";
        }
        for (const std::string& name : {std::string("pool.jsonl"), std::string("pool.csv")}) {
            const std::string path = test::writeFile(dir, name, name.back() == 'l' ? jsonl : csv);
            const ReadAll all = readAll(path);
            QVERIFY(all.errors.empty());
            QCOMPARE(all.records.size(), n);
            for (std::size_t i = 0; i < n; ++i) {
                std::string expected = texts[i];
                std::size_t cr;
                while ((cr = expected.find("\r\n")) != std::string::npos)
                    expected.erase(cr, 1);
                // CSV trims nothing inside quotes; both formats give the text back as written.
                QCOMPARE(all.records[i].text, expected);
                QCOMPARE(all.records[i].externalId, "t" + std::to_string(i));
            }
        }
    }

    void streamsALargeFileWithBoundedMemory()
    {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/big.jsonl";
        {
            std::ofstream out(path);
            const std::string text(2000, 'w');
            for (int i = 0; i < 20000; ++i)
                out << "{\"id\": " << i << ", \"text\": \"" << text << "\"}\n";
        }
        PoolRecordReader reader(path);
        PoolRecord r;
        std::size_t count = 0;
        while (reader.next(r))
            ++count;
        QCOMPARE(count, std::size_t(20000));
        QCOMPARE(reader.bytesRead(), reader.fileSize());
        QVERIFY(reader.fileSize() > 40'000'000);
    }
};

QTEST_GUILESS_MAIN(TestPoolRecords)
#include "tst_pool_records.moc"
