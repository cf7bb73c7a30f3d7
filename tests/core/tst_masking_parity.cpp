// The C++ mask (core/text/personal_details_masker) against the app's Qt one (ui/text_masking) on every
// job and candidate text of the paper's sample: the same output, text for text.
#include "core/text/personal_details_masker.h"
#include "ui/text_masking.h"

#include "tests/support/test_files.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <fstream>
#include <set>

class TestMaskingParity : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sampleTexts()
    {
        std::set<std::string> texts;
        for (const char* file : {"annotated_pair_data-sample.jsonl", "train_data-sample.jsonl"}) {
            std::ifstream in(rankpo::test::sampleFile(file));
            QVERIFY(in.good());
            std::string line;
            while (std::getline(in, line)) {
                const auto row = nlohmann::json::parse(line);
                for (const char* field : {"query", "passage1", "passage2"})
                    if (row.contains(field))
                        texts.insert(row[field].get<std::string>());
                for (const char* field : {"positives", "negatives"})
                    if (row.contains(field))
                        for (const auto& t : row[field])
                            texts.insert(t.get<std::string>());
            }
        }
        QCOMPARE(texts.size(), std::size_t(110 + 318));
        int changed = 0;
        for (const std::string& text : texts) {
            const QString qt = rankpo::ui::maskPersonalDetails(QString::fromStdString(text));
            const std::string ours = rankpo::maskPersonalDetails(text);
            QCOMPARE(QString::fromStdString(ours), qt);
            changed += ours != text ? 1 : 0;
        }
        // The sample's job texts carry e-mail addresses, links and phone numbers: the comparison is not vacuous.
        QVERIFY2(changed >= 50, qPrintable(QString::number(changed)));
        qInfo("%d of %zu sample texts masked, identically", changed, texts.size());
    }
};

QTEST_GUILESS_MAIN(TestMaskingParity)
#include "tst_masking_parity.moc"
