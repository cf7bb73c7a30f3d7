#include "core/model/model_resolver.h"
#include "core/text/bert_normalizer.h"
#include "core/text/bert_tokenizer.h"
#include "core/text/utf8_codec.h"
#include "core/util/error.h"
#include "tests/support/sample_texts.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace rankpo;
namespace fs = std::filesystem;

namespace {

std::string idsHash(const std::vector<TokenId>& ids)
{
    std::string bytes;
    for (TokenId id : ids)
        for (int k = 0; k < 4; ++k)
            bytes.push_back(char((std::uint32_t(id) >> (8 * k)) & 0xFF));
    return test::fnv1a64(bytes);
}

const std::string kGolden = RANKPO_SOURCE_DIR "/tests/reference/golden_token_ids.jsonl";

} // namespace

class TestBertTokenizer : public QObject {
    Q_OBJECT

private:
    fs::path m_model;

private Q_SLOTS:
    void initTestCase()
    {
        m_model = ModelCatalog().resolve("default").folder;
        QVERIFY2(fs::exists(m_model / "tokenizer.json"), "run scripts/install-python-deps.sh to install the model");
    }

    void sampleTextsMatchHuggingFace()
    {
        const BertTokenizer tokenizer = BertTokenizer::fromFolder(m_model);
        const auto texts = test::sampleTexts();
        QCOMPARE(texts.size(), std::size_t(428));
        std::size_t checked = 0;
        for (const auto& row : test::readJsonLines(kGolden)) {
            if (!row.contains("sample"))
                continue;
            const std::size_t i = row.at("sample");
            QVERIFY(i < texts.size());
            QCOMPARE(test::fnv1a64(texts[i]), row.at("fnv1a64").get<std::string>());
            const auto ids = tokenizer.encode(texts[i], 1u << 30);
            const auto head = row.at("head").get<std::vector<TokenId>>();
            for (std::size_t k = 0; k < head.size(); ++k)
                QVERIFY2(k < ids.size() && ids[k] == head[k],
                         qPrintable(QString("sample %1 differs at token %2").arg(i).arg(k)));
            QCOMPARE(ids.size(), row.at("count").get<std::size_t>());
            QCOMPARE(idsHash(ids), row.at("ids_fnv1a64").get<std::string>());
            ++checked;
        }
        QCOMPARE(checked, std::size_t(428));
    }

    void trickyTextsMatchHuggingFace()
    {
        const BertTokenizer tokenizer = BertTokenizer::fromFolder(m_model);
        const std::map<std::string, BertNormalizerOptions> configs = {
            {"default", {true, true, true, true}},
            {"cased", {true, true, false, false}},
            {"lower_keep_accents", {true, true, false, true}},
            {"strip_keep_case", {true, true, true, false}},
            {"raw", {false, false, false, false}},
        };
        std::size_t checked = 0;
        for (const auto& row : test::readJsonLines(kGolden)) {
            if (!row.contains("text"))
                continue;
            const std::string text = row.at("text");
            QVERIFY2(tokenizer.encode(text, 1u << 30) == row.at("ids").get<std::vector<TokenId>>(), text.c_str());
            for (const auto& [name, options] : configs) {
                const std::string got = encodeUtf8(BertNormalizer(options).normalize(decodeUtf8Lossy(text)));
                QVERIFY2(got == row.at("normalized").at(name).get<std::string>(), (name + ": " + text).c_str());
            }
            ++checked;
        }
        QVERIFY(checked >= 40);
    }

    void truncationKeepsClsAndSep()
    {
        const BertTokenizer tokenizer = BertTokenizer::fromFolder(m_model);
        const std::string text = test::sampleTexts().at(0);
        const auto full = tokenizer.encode(text, 1u << 30);
        QVERIFY(full.size() > 256);
        const auto cut = tokenizer.encode(text, 256);
        QCOMPARE(cut.size(), std::size_t(256));
        QVERIFY(std::equal(cut.begin(), cut.end() - 1, full.begin()));
        QCOMPARE(cut.back(), tokenizer.sepId());
        QCOMPARE(tokenizer.encode(text, 2), (std::vector<TokenId>{tokenizer.clsId(), tokenizer.sepId()}));
        QVERIFY_THROWS_EXCEPTION(Error, tokenizer.encode(text, 1));
    }

    void vocabTxtFolderTokenizesLikeTokenizerJson()
    {
        QTemporaryDir dir;
        const fs::path folder = dir.path().toStdString();
        fs::copy_file(m_model / "vocab.txt", folder / "vocab.txt");
        fs::copy_file(m_model / "tokenizer_config.json", folder / "tokenizer_config.json");
        const BertTokenizer fromJson = BertTokenizer::fromFolder(m_model);
        const BertTokenizer fromVocab = BertTokenizer::fromFolder(folder);
        const auto texts = test::sampleTexts();
        for (std::size_t i = 0; i < texts.size(); i += 7)
            QVERIFY(fromJson.encode(texts[i], 512) == fromVocab.encode(texts[i], 512));
        QCOMPARE(fromVocab.encode("[CLS] x [SEP]", 16), fromJson.encode("[CLS] x [SEP]", 16));
    }

    void wordPieceIsGreedyLongestMatchFirst()
    {
        const WordPiece wp({{"[UNK]", 0}, {"un", 1}, {"##aff", 2}, {"##able", 3}, {"unaff", 4}, {"##a", 5},
                            {"a", 6}},
                           "[UNK]", "##", 10);
        auto run = [&](const std::u32string& word) {
            std::vector<TokenId> out;
            wp.tokenize(word, out);
            return out;
        };
        QCOMPARE(run(U"unaffable"), (std::vector<TokenId>{4, 3}));      // "unaff" beats "un"
        QCOMPARE(run(U"unaffablex"), (std::vector<TokenId>{0}));        // one unknown piece spoils the word
        QCOMPARE(run(U"aaaaaaaaaa"), (std::vector<TokenId>{6, 5, 5, 5, 5, 5, 5, 5, 5, 5})); // "##" continuations
        QCOMPARE(run(U"aaaaaaaaaaa"), (std::vector<TokenId>{0})); // longer than max_input_chars_per_word
    }

    void invalidUtf8NeverCrashes()
    {
        const BertTokenizer tokenizer = BertTokenizer::fromFolder(m_model);
        QCOMPARE(tokenizer.tokenize("ab\xff" "c"), tokenizer.tokenize("abc")); // U+FFFD is dropped by clean-up
        const std::string broken[] = {"\xe2\x82", "\xf0\x9f\x98", "\xc0\xaf", "\xed\xa0\x80", std::string(1, '\0')};
        for (const auto& b : broken)
            QCOMPARE(tokenizer.encode("x" + b, 16).size(), std::size_t(3));
    }

    void unsupportedTokenizerIsAClearError()
    {
        QTemporaryDir dir;
        const fs::path folder = dir.path().toStdString();
        std::ofstream(folder / "tokenizer.json") << R"({"model": {"type": "BPE", "vocab": {}}})";
        try {
            BertTokenizer::fromFolder(folder);
            QFAIL("a BPE tokenizer was accepted");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("model.type") != std::string::npos);
        }
        std::ofstream(folder / "tokenizer.json", std::ios::trunc) << "{not json";
        QVERIFY_THROWS_EXCEPTION(Error, BertTokenizer::fromFolder(folder));
    }
};

QTEST_GUILESS_MAIN(TestBertTokenizer)
#include "tst_bert_tokenizer.moc"
