#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace rankpo {

class EncoderModel;
enum class NewTokenInit;

// The tags that upstream's data wraps candidate profiles in: <keyword>a<sep>b</keyword><title>...</title>
// <abstract>...</abstract>.
const std::vector<std::string>& profileTags();

// Upstream's run_contrastive.py adds the tags as special tokens and resizes the embeddings before training; this
// does the same for a decoder whose tokenizer lacks them (new rows as `init` says; EncoderModel::save writes
// them into the tokenizer files). BERT-family encoders are left as they are (their WordPiece vocabulary has no
// room for added tokens in our tokenizer). Returns how many ids were added (0 when every tag is there).
std::size_t addProfileTags(EncoderModel& model, NewTokenInit init);

} // namespace rankpo
