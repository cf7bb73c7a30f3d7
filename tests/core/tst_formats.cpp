// Text formats: line reading, format detection, record parsers, CSV, profiles and job facts.
#include "core/formats/candidate_profile_parser.h"
#include "core/formats/csv_record_reader.h"
#include "core/formats/import_format.h"
#include "core/formats/job_facts_parser.h"
#include "core/formats/judge_response.h"
#include "core/formats/line_reader.h"
#include "core/formats/record_parser.h"
#include "core/util/error.h"
#include "core/text/utf8_codec.h"
#include "tests/support/test_files.h"

using namespace rankpo;

class TestFormats : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lineReaderHandlesBomCrlfAndLongLines()
    {
        QTemporaryDir dir;
        const std::string longLine(100000, 'x');
        const auto path = test::writeFile(dir, "a.txt", "\xEF\xBB\xBF" "first\r\n\r\nsecond\n" + longLine + "\nlast");
        LineReader reader(path, 1024); // a block far smaller than the long line
        std::vector<std::string> lines;
        std::vector<std::size_t> numbers;
        std::string_view line;
        while (reader.next(line)) {
            lines.emplace_back(line);
            numbers.push_back(reader.lineNumber());
        }
        QCOMPARE(lines.size(), std::size_t(5));
        QCOMPARE(lines[0], std::string("first"));
        QCOMPARE(lines[1], std::string(""));
        QCOMPARE(lines[2], std::string("second"));
        QCOMPARE(lines[3], longLine);
        QCOMPARE(lines[4], std::string("last"));
        QCOMPARE(numbers.back(), std::size_t(5));
    }

    void lineReaderMissingFileIsAnIoError()
    {
        try {
            LineReader reader("/nonexistent/file.jsonl");
            QFAIL("expected an error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Io);
            QVERIFY(std::string(e.what()).find("/nonexistent/file.jsonl") != std::string::npos);
        }
    }

    void detectsFormats_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::newRow("pairs") << R"({"query": "q", "passage1": "a", "passage2": "b", "preferred": "A"})" << "x.jsonl" << "rankpo-pairs";
        QTest::newRow("contrastive") << R"({"query": "q", "positives": ["a"], "negatives": []})" << "x.jsonl" << "rankpo-contrastive";
        QTest::newRow("eval") << R"({"query": {"text": "q"}, "positives": {"index": [1]}})" << "x.jsonl" << "rankpo-eval";
        QTest::newRow("trl") << R"({"prompt": "q", "chosen": "a", "rejected": "b"})" << "x.jsonl" << "trl-dpo";
        QTest::newRow("qrels") << "q1 0 d7 1" << "x.txt" << "trec-qrels";
        QTest::newRow("csv") << "job,candidate_a,candidate_b,preferred" << "x.csv" << "csv";
        QTest::newRow("unknown json") << R"({"foo": 1})" << "x.jsonl" << "";
        QTest::newRow("prose") << "hello world" << "x.txt" << "";
    }
    void detectsFormats()
    {
        QFETCH(QString, line);
        QFETCH(QString, file);
        QFETCH(QString, format);
        std::string why;
        const auto detected = detectFormat(line.toStdString(), file.toStdString(), &why);
        QCOMPARE(detected ? QString::fromStdString(std::string(formatName(*detected))) : QString(), format);
        if (!detected)
            QVERIFY(!why.empty());
    }

    void pairsParserReadsEveryField()
    {
        auto parser = makeRecordParser(DataFormat::RankPOPairs);
        std::string line = R"({"query":"Job text","passage1":"Cand A","passage2":"Cand B","preferred":"B",)"
                           R"("confidence_score":65,"comparison":"B fits","model":"judge-1","query_id":"u1",)"
                           R"("passage_id1":"a1","passage_id2":17,"created":1737536997})";
        line.append(64, '\0');
        ParsedRecord r;
        parser->parse(std::string_view(line.data(), line.size() - 64), r);
        QCOMPARE(r.preferences.size(), std::size_t(1));
        const auto& p = r.preferences[0];
        QCOMPARE(std::string(p.job.text), std::string("Job text"));
        QCOMPARE(std::string(p.job.externalId), std::string("u1"));
        QCOMPARE(std::string(p.second.externalId), std::string("17"));
        QVERIFY(p.choice == Choice::Second);
        QCOMPARE(*p.confidence, 65);
        QCOMPARE(std::string(p.rationale), std::string("B fits"));
        QCOMPARE(std::string(p.annotator), std::string("judge-1"));
        QCOMPARE(*p.createdAt, std::int64_t(1737536997));
        QVERIFY(!p.source);
    }

    void pairsParserFallsBackToTheResponse()
    {
        auto parser = makeRecordParser(DataFormat::RankPOPairs);
        std::string line = R"({"query":"J","passage1":"A","passage2":"B","response":"Comparison: A is closer.\n\nPreferred: A\nConfidence score: 80"})";
        line.append(64, '\0');
        ParsedRecord r;
        parser->parse(std::string_view(line.data(), line.size() - 64), r);
        QVERIFY(r.preferences[0].choice == Choice::First);
        QCOMPARE(*r.preferences[0].confidence, 80);
        QCOMPARE(std::string(r.preferences[0].rationale), std::string("A is closer."));
    }

    void invalidRecordsAreRejected_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("reason");
        QTest::newRow("malformed") << "rankpo-pairs" << QByteArray(R"({"query": "q", )") << "malformed JSON";
        QTest::newRow("not an object") << "rankpo-pairs" << QByteArray(R"(["q"])") << "expected a JSON object";
        QTest::newRow("missing field") << "rankpo-pairs" << QByteArray(R"({"query":"q","passage1":"a","preferred":"A"})") << "missing field 'passage2'";
        QTest::newRow("empty field") << "rankpo-pairs" << QByteArray(R"({"query":"  ","passage1":"a","passage2":"b","preferred":"A"})") << "field 'query' is empty";
        QTest::newRow("wrong type") << "rankpo-pairs" << QByteArray(R"({"query":5,"passage1":"a","passage2":"b","preferred":"A"})") << "field 'query': expected a string, got a number";
        QTest::newRow("bad preferred") << "rankpo-pairs" << QByteArray(R"({"query":"q","passage1":"a","passage2":"b","preferred":"C"})") << "expected \"A\" or \"B\"";
        QTest::newRow("bad confidence") << "rankpo-pairs" << QByteArray(R"({"query":"q","passage1":"a","passage2":"b","preferred":"A","confidence_score":101})") << "outside 0..100";
        QTest::newRow("same candidate") << "rankpo-pairs" << QByteArray(R"({"query":"q","passage1":"a","passage2":"a","preferred":"A"})") << "same text";
        QTest::newRow("invalid utf8") << "rankpo-pairs" << QByteArray("{\"query\":\"q\xC3\x28\",\"passage1\":\"a\",\"passage2\":\"b\",\"preferred\":\"A\"}") << "invalid UTF-8";
        QTest::newRow("trailing garbage") << "rankpo-pairs" << QByteArray(R"({"query":"q"} x)") << "malformed JSON";
        QTest::newRow("positives not array") << "rankpo-contrastive" << QByteArray(R"({"query":"q","positives":"a"})") << "expected an array";
        QTest::newRow("positive empty") << "rankpo-contrastive" << QByteArray(R"({"query":"q","positives":[""]})") << "'positives'[0] is empty";
        QTest::newRow("no lists") << "rankpo-contrastive" << QByteArray(R"({"query":"q"})") << "missing field 'positives'";
        QTest::newRow("eval bad index") << "rankpo-eval" << QByteArray(R"({"query":{"text":"q"},"positives":{"index":[-1]}})") << "corpus line number";
        QTest::newRow("trl missing") << "trl-dpo" << QByteArray(R"({"prompt":"q","chosen":"a"})") << "missing field 'rejected'";
        QTest::newRow("qrels columns") << "trec-qrels" << QByteArray("q1 0 d1") << "expected 4 columns";
        QTest::newRow("qrels relevance") << "trec-qrels" << QByteArray("q1 0 d1 high") << "not an integer";
    }
    void invalidRecordsAreRejected()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, line);
        QFETCH(QString, reason);
        auto parser = makeRecordParser(*formatFromName(format.toStdString()));
        QByteArray padded = line;
        padded.append(QByteArray(64, '\0'));
        ParsedRecord r;
        try {
            parser->parse(std::string_view(padded.constData(), static_cast<std::size_t>(line.size())), r);
            QFAIL("expected the record to be rejected");
        } catch (const RecordError& e) {
            QVERIFY2(e.reason.find(reason.toStdString()) != std::string::npos, e.reason.c_str());
        }
    }

    void contrastiveParserMakesLabels()
    {
        auto parser = makeRecordParser(DataFormat::RankPOContrastive);
        std::string line = R"({"query":"q","positives":["p1",{"text":"p2","id":"P2"}],"negatives":["n1"]})";
        line.append(64, '\0');
        ParsedRecord r;
        parser->parse(std::string_view(line.data(), line.size() - 64), r);
        QCOMPARE(r.labels.size(), std::size_t(3));
        QCOMPARE(r.labels[0].relevance, 1);
        QCOMPARE(std::string(r.labels[1].candidate.externalId), std::string("P2"));
        QCOMPARE(r.labels[2].relevance, 0);
    }

    void csvReaderHandlesQuotesAndMultilineFields()
    {
        QTemporaryDir dir;
        const auto path = test::writeFile(dir, "p.csv",
                                          "job,candidate_a,candidate_b,preferred,confidence,rationale\r\n"
                                          "\"Job, one\",A text,B text,a,70,\"He said \"\"yes\"\"\nand more\"\n"
                                          "\n"
                                          "Job two,C,D,tie,,\n"
                                          "Job three,E,F,maybe,,\n");
        LineReader lines(path);
        CsvRecordReader reader(lines);
        ParsedRecord r;
        QVERIFY(reader.next(r));
        QCOMPARE(reader.recordLine(), std::size_t(2));
        QCOMPARE(std::string(r.preferences[0].job.text), std::string("Job, one"));
        QCOMPARE(std::string(r.preferences[0].rationale), std::string("He said \"yes\"\nand more"));
        QCOMPARE(*r.preferences[0].confidence, 70);
        r.clear();
        QVERIFY(reader.next(r));
        QCOMPARE(reader.recordLine(), std::size_t(5));
        QVERIFY(r.preferences[0].choice == Choice::Tie);
        r.clear();
        try {
            reader.next(r);
            QFAIL("expected a bad 'preferred'");
        } catch (const RecordError& e) {
            QCOMPARE(reader.recordLine(), std::size_t(6));
            QVERIFY(e.reason.find("preferred") != std::string::npos);
        }
        r.clear();
        QVERIFY(!reader.next(r));
    }

    void csvHeaderWithoutRequiredColumnsIsAFileError()
    {
        QTemporaryDir dir;
        const auto path = test::writeFile(dir, "p.csv", "job,candidate_a,preferred\nx,y,A\n");
        LineReader lines(path);
        CsvRecordReader reader(lines);
        ParsedRecord r;
        try {
            reader.next(r);
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("p.csv:1: CSV header lacks required column(s): candidate_b") != std::string::npos);
        }
    }

    void csvFieldQuotesWhenNeeded()
    {
        QCOMPARE(csvField("plain"), std::string("plain"));
        QCOMPARE(csvField("a,b"), std::string("\"a,b\""));
        QCOMPARE(csvField("say \"hi\""), std::string("\"say \"\"hi\"\"\""));
        QCOMPARE(csvField("two\nlines"), std::string("\"two\nlines\""));
    }

    void candidateProfileSections()
    {
        const auto p = parseCandidateProfile("<keyword>Epitope<sep>T cell</keyword><title>On cells<sep>More</title>"
                                             "<abstract>First.<sep>Second.</abstract>");
        QCOMPARE(p.keywords, (std::vector<std::string>{"Epitope", "T cell"}));
        QCOMPARE(p.publicationTitles.size(), std::size_t(2));
        QCOMPARE(p.abstracts[1], std::string("Second."));
        QVERIFY(p.tagged());
        QCOMPARE(parseCandidateProfile(formatCandidateProfile(p)).abstracts, p.abstracts);
        const auto plain = parseCandidateProfile("A researcher in optics.");
        QVERIFY(!plain.tagged());
        QCOMPARE(plain.plainText, std::string("A researcher in optics."));
        const auto unclosed = parseCandidateProfile("<keyword>a<sep>b");
        QVERIFY(!unclosed.tagged());
    }

    void jobFacts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("salary");
        QTest::addColumn<QString>("closing");
        QTest::addColumn<QString>("contract");
        QTest::addColumn<QString>("location");
        QTest::newRow("key value") << "Contract Type Fixed Term\nHours Full Time\nSalary £27,511 per annum\nClosing Date 06/02/2020\nProse."
                                   << "https://x/listing/1/postdoctoral-research-assistant/" << "Postdoctoral Research Assistant"
                                   << "£27,511 per annum" << "06/02/2020" << "Fixed Term" << "";
        QTest::newRow("colons") << "Senior Lecturer in Business\nSalary: £35,210 - £50,132\nLocation: City Campus, Newcastle\nClosing Date: 06/10/2019\nContract Type: Permanent"
                                << "" << "Senior Lecturer in Business" << "£35,210 - £50,132" << "06/10/2019" << "Permanent" << "City Campus, Newcastle";
        QTest::newRow("next line") << "Closing Date\n24-Aug-2018\nBackground" << "" << "" << "" << "24-Aug-2018" << "" << "";
        QTest::newRow("prose only") << "We are looking for someone great to join us." << "" << "" << "" << "" << "" << "";
    }
    void jobFacts()
    {
        QFETCH(QString, text);
        QFETCH(QString, url);
        const JobFacts f = parseJobFacts(text.toStdString(), url.toStdString());
        QTEST(QString::fromStdString(f.title), "title");
        QTEST(QString::fromStdString(f.salary), "salary");
        QTEST(QString::fromStdString(f.closingDate), "closing");
        QTEST(QString::fromStdString(f.contract), "contract");
        QTEST(QString::fromStdString(f.location), "location");
    }

    void judgeResponse()
    {
        const auto r = parseJudgeResponse("Comparison: A fits better.\nMore words.\n\nPreferred: B\nConfidence score: 65");
        QCOMPARE(std::string(r.comparison), std::string("A fits better.\nMore words."));
        QCOMPARE(std::string(*r.preferred), std::string("B"));
        QCOMPARE(*r.confidence, 65);
        QVERIFY(!parseJudgeResponse("no structure").preferred);
    }

    void utf8Validation()
    {
        QVERIFY(isValidUtf8("plain £ γ ∗ 😀"));
        QCOMPARE(findInvalidUtf8("ab\xC3\x28"), std::size_t(2));
        QVERIFY(!isValidUtf8("\xC0\xAF"));         // overlong
        QVERIFY(!isValidUtf8("\xED\xA0\x80"));     // surrogate
        QVERIFY(!isValidUtf8("\xF4\x90\x80\x80")); // above U+10FFFF
        QVERIFY(!isValidUtf8("\xE2\x82"));         // truncated
    }
};

QTEST_GUILESS_MAIN(TestFormats)
#include "tst_formats.moc"
