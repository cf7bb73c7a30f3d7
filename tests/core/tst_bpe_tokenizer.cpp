#include "core/text/bpe_pre_tokenizer.h"
#include "core/text/bpe_tokenizer.h"
#include "core/text/bpe_unicode_tables.h"
#include "core/text/json_file.h"
#include "core/text/utf8_codec.h"
#include "core/util/error.h"
#include "tests/support/sample_texts.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <filesystem>
#include <map>

using namespace rankpo;
namespace fs = std::filesystem;

namespace {

const std::string kGolden = RANKPO_SOURCE_DIR "/tests/reference/golden_bpe_token_ids.jsonl";

fs::path folderOf(const std::string& name)
{
    if (name.rfind("tiny-", 0) == 0)
        return fs::path(RANKPO_SOURCE_DIR "/tests/reference") / name;
    return fs::path(RANKPO_SOURCE_DIR "/.deps/tokenizers") / name;
}

std::string idsHash(const std::vector<TokenId>& ids)
{
    std::string bytes;
    for (TokenId id : ids)
        for (int k = 0; k < 4; ++k)
            bytes.push_back(char((std::uint32_t(id) >> (8 * k)) & 0xFF));
    return test::fnv1a64(bytes);
}

std::string showIds(const std::vector<TokenId>& ids)
{
    std::string s;
    for (std::size_t i = 0; i < ids.size() && i < 40; ++i)
        s += (i ? " " : "") + std::to_string(ids[i]);
    return s;
}

nlohmann::json tinyLlamaJson()
{
    return readJsonFile(RANKPO_SOURCE_DIR "/tests/reference/tiny-llama/tokenizer.json");
}

void expectError(const nlohmann::json& doc, const std::string& needle)
{
    try {
        BpeTokenizer::fromJson(doc, nlohmann::json(), "tokenizer.json");
    } catch (const Error& e) {
        QVERIFY2(std::string(e.what()).find(needle) != std::string::npos, e.what());
        return;
    }
    QFAIL(("loaded; expected: " + needle).c_str());
}

} // namespace

class TestBpeTokenizer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matchesHuggingFaceOnSampleAndExtras_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* name : {"tiny-llama", "tiny-qwen2", "llama-3.2", "qwen3"})
            QTest::newRow(name) << QString(name);
    }

    void matchesHuggingFaceOnSampleAndExtras()
    {
        QFETCH(QString, name);
        const fs::path folder = folderOf(name.toStdString());
        QVERIFY2(fs::exists(folder / "tokenizer.json"), "run scripts/install-python-deps.sh for the real tokenizers");
        const auto tokenizer = Tokenizer::fromFolder(folder);
        QCOMPARE(std::string(tokenizer->kind()), std::string("bpe"));
        const auto texts = test::sampleTexts();
        const auto rows = test::readJsonLines(kGolden);
        const std::size_t truncate = rows.at(0).at("truncate");
        std::size_t samples = 0, extras = 0, truncated = 0;
        for (const auto& row : rows) {
            if (!row.contains("tokenizer") || row.at("tokenizer") != name.toStdString())
                continue;
            std::string text;
            if (row.contains("sample")) {
                text = texts.at(row.at("sample").get<std::size_t>());
                QCOMPARE(test::fnv1a64(text), row.at("fnv1a64").get<std::string>());
                const auto ids = tokenizer->encode(text, 1u << 30);
                const auto head = row.at("head").get<std::vector<TokenId>>();
                for (std::size_t k = 0; k < head.size(); ++k)
                    QVERIFY2(k < ids.size() && ids[k] == head[k],
                             qPrintable(QString("sample %1 differs at token %2").arg(row.at("sample").get<int>()).arg(k)));
                QVERIFY2(ids.size() == row.at("count").get<std::size_t>() && idsHash(ids) == row.at("ids_fnv1a64"),
                         qPrintable(QString("sample %1: %2 ids, expected %3")
                                        .arg(row.at("sample").get<int>()).arg(ids.size()).arg(row.at("count").get<int>())));
                ++samples;
            } else {
                text = row.at("text").get<std::string>();
                const auto ids = tokenizer->encode(text, 1u << 30);
                const auto expected = row.at("ids").get<std::vector<TokenId>>();
                QVERIFY2(ids == expected, qPrintable(QString::fromStdString("text '" + text + "': got " + showIds(ids) +
                                                                            ", expected " + showIds(expected))));
                ++extras;
            }
            if (row.contains("truncated")) {
                QCOMPARE(tokenizer->encode(text, truncate), row.at("truncated").get<std::vector<TokenId>>());
                ++truncated;
            }
        }
        QCOMPARE(samples, std::size_t(428));
        QVERIFY(extras >= 60);
        QVERIFY(truncated > 100);
    }

    void templateAndPadding()
    {
        const auto llama = BpeTokenizer::fromFolder(RANKPO_SOURCE_DIR "/tests/reference/tiny-llama");
        const TokenId bos = llama.idOf("<|begin_of_text|>");
        QVERIFY(bos > 0);
        QCOMPARE(llama.templatePrefix(), std::vector<TokenId>{bos});
        QVERIFY(llama.templateSuffix().empty());
        QCOMPARE(llama.specialTokensAdded(), std::size_t(1));
        // No pad token in tokenizer_config.json: Llama 3's reserved right-pad token, as upstream RankPO pads.
        QCOMPARE(llama.padId(), llama.idOf("<|finetune_right_pad_id|>"));
        QCOMPARE(llama.encode("", 8), std::vector<TokenId>{bos});
        QCOMPARE(llama.encode("hello world again", 2).size(), std::size_t(2));
        QVERIFY_THROWS_EXCEPTION(Error, llama.encode("x", 1));

        const auto qwen = BpeTokenizer::fromFolder(RANKPO_SOURCE_DIR "/tests/reference/tiny-qwen2");
        QCOMPARE(qwen.specialTokensAdded(), std::size_t(0));
        QCOMPARE(qwen.padId(), qwen.idOf("<|endoftext|>"));
        QCOMPARE(qwen.encode("hello", 4), qwen.tokenize("hello"));
    }

    void addedSpecialTokensSplitTheText()
    {
        auto llama = BpeTokenizer::fromFolder(RANKPO_SOURCE_DIR "/tests/reference/tiny-llama");
        const std::size_t before = llama.idLimit();
        const std::vector<std::string> tags = {"<keyword>", "</keyword>", "<sep>", "<|begin_of_text|>"};
        const auto ids = llama.addSpecialTokens(tags);
        QCOMPARE(ids[0], TokenId(before));
        QCOMPARE(ids[1], TokenId(before + 1));
        QCOMPARE(ids[2], TokenId(before + 2));
        QCOMPARE(ids[3], llama.idOf("<|begin_of_text|>")); // already there: its id
        QCOMPARE(llama.idLimit(), before + 3);
        const auto got = llama.tokenize("<keyword>deep<sep>nets</keyword>");
        std::vector<TokenId> expected = {ids[0]};
        for (TokenId t : llama.tokenize("deep"))
            expected.push_back(t);
        expected.push_back(ids[2]);
        for (TokenId t : llama.tokenize("nets"))
            expected.push_back(t);
        expected.push_back(ids[1]);
        QCOMPARE(got, expected);
    }

    void splitPatternsKeepTheirPieces()
    {
        auto pieces = [](const std::string& text, SplitPattern p) {
            const std::u32string s = decodeUtf8Lossy(text);
            std::vector<std::string> out;
            for (const auto& [b, e] : splitPieces(s, p))
                out.push_back(encodeUtf8(s.substr(b, e - b)));
            return out;
        };
        using V = std::vector<std::string>;
        QCOMPARE(pieces("I'M 12345 ok!!\n\n  x", SplitPattern::Llama3), (V{"I", "'M", " ", "123", "45", " ok", "!!\n\n", " ", " x"}));
        QCOMPARE(pieces("12345", SplitPattern::Qwen2), (V{"1", "2", "3", "4", "5"}));
        QCOMPARE(pieces("I'M it's  a", SplitPattern::Gpt2), (V{"I", "'", "M", " it", "'s", " ", " a"}));
        SplitPattern p;
        QVERIFY(recognizeSplitPattern(splitPatternRegex(SplitPattern::Qwen2), p) && p == SplitPattern::Qwen2);
        QVERIFY(!recognizeSplitPattern("\\w+", p));
        QCOMPARE(encodeUtf8(bpe_unicode::nfc(decodeUtf8Lossy("e\xCC\x81"))), std::string("\xC3\xA9"));
    }

    void unsupportedFilesNameTheField()
    {
        {
            auto doc = tinyLlamaJson();
            doc["pre_tokenizer"]["pretokenizers"][0]["pattern"]["Regex"] = "\\w+|\\s";
            expectError(doc, "pattern.Regex '\\w+|\\s' is not supported");
        }
        {
            auto doc = tinyLlamaJson();
            doc["model"]["merges"].push_back("Ġzz qq");
            expectError(doc, "model.merges[");
        }
        {
            auto doc = tinyLlamaJson();
            doc["normalizer"] = {{"type", "NFKD"}};
            expectError(doc, "normalizer.type 'NFKD' is not supported");
        }
        {
            auto doc = tinyLlamaJson();
            doc["model"]["type"] = "Unigram";
            expectError(doc, "model.type must be BPE");
        }
        {
            auto doc = tinyLlamaJson();
            doc["post_processor"] = {{"type", "TemplateProcessing"}, {"single", nlohmann::json::array({{{"Sequence", {{"id", "A"}}}}, {{"SpecialToken", {{"id", "<x>"}}}}})}};
            expectError(doc, "special_tokens['<x>'].ids is missing");
        }
    }
};

QTEST_GUILESS_MAIN(TestBpeTokenizer)
#include "tst_bpe_tokenizer.moc"
