#include "core/text/tokenizer.h"

#include "core/text/bert_tokenizer.h"
#include "core/text/bpe_tokenizer.h"
#include "core/text/json_file.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

namespace rankpo {

std::unique_ptr<Tokenizer> Tokenizer::fromFolder(const std::filesystem::path& folder)
{
    const std::filesystem::path file = folder / "tokenizer.json";
    if (!std::filesystem::exists(file))
        return std::make_unique<BertTokenizer>(BertTokenizer::fromFolder(folder)); // vocab.txt
    const nlohmann::json doc = readJsonFile(file);
    const auto model = doc.is_object() ? doc.find("model") : doc.end();
    const std::string type = doc.is_object() && model != doc.end() && model->is_object() && model->contains("type") &&
                                     (*model)["type"].is_string()
                                 ? (*model)["type"].get<std::string>()
                                 : std::string();
    if (type == "WordPiece")
        return std::make_unique<BertTokenizer>(BertTokenizer::fromFolder(folder));
    if (type == "BPE") {
        const std::filesystem::path configFile = folder / "tokenizer_config.json";
        const nlohmann::json config = std::filesystem::exists(configFile) ? readJsonFile(configFile) : nlohmann::json();
        return std::make_unique<BpeTokenizer>(BpeTokenizer::fromJson(doc, config, file.string()));
    }
    throw dataError(file.string() + ": model.type '" + type + "' is not supported (WordPiece and BPE are)");
}

} // namespace rankpo
