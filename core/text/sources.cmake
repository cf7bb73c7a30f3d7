list(APPEND RANKPO_CORE_SOURCES
  text/added_vocabulary.cpp
  text/bert_normalizer.cpp
  text/bert_pre_tokenizer.cpp
  text/bert_tokenizer.cpp
  text/bpe_model.cpp
  text/bpe_pre_tokenizer.cpp
  text/bpe_tokenizer.cpp
  text/bpe_unicode_tables.cpp
  text/json_file.cpp
  text/tokenizer.cpp
  text/unicode_tables.cpp
  text/utf8_codec.cpp
  text/word_piece.cpp
)
