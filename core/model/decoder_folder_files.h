#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace rankpo {

// What a saved decoder folder's text files must say besides what the source folder said.
struct DecoderFolderEdits {
    std::int64_t vocabSize = 0;                              // config.json's vocab_size (grows with added tokens)
    std::vector<std::pair<std::string, std::int32_t>> added; // special tokens added since loading, with their ids
    std::string padToken;                                    // written where the source names no pad token
    std::int32_t padId = -1;
    std::string pooling = "lasttoken";                       // 1_Pooling/config.json's mode
    std::int64_t hiddenSize = 0;
    std::size_t maxSeqLength = 0;
    bool lowercaseInput = false;
};

// Writes the non-weight files of a decoder folder that transformers (AutoModel, AutoTokenizer) and
// sentence-transformers load as is: config.json, tokenizer.json (the added tokens appended to added_tokens),
// tokenizer_config.json and special_tokens_map.json (added tokens as additional special tokens, the pad token
// that batching needs), generation_config.json when the source has one, and the sentence-transformers modules
// (modules.json, 1_Pooling/config.json, sentence_bert_config.json). Everything is read before anything is
// written, so `to` may be `from`.
void writeDecoderFolderFiles(const std::filesystem::path& from, const std::filesystem::path& to, const DecoderFolderEdits& edits);

} // namespace rankpo
