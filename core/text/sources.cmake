list(APPEND RANKPO_CORE_SOURCES
  text/bert_normalizer.cpp
  text/bert_pre_tokenizer.cpp
  text/bert_tokenizer.cpp
  text/json_file.cpp
  text/unicode_tables.cpp
  text/utf8_codec.cpp
  text/word_piece.cpp
)
