list(APPEND RANKPO_CORE_SOURCES
  model/bert_config.cpp
  model/decoder_config.cpp
  model/decoder_folder_files.cpp
  model/embedding_cache.cpp
  model/memory_estimate.cpp
  model/model_config.cpp
  model/model_folder.cpp
  model/model_resolver.cpp
  model/model_search_path.cpp
  model/pooling_mode.cpp
  model/safetensors_file.cpp
)
list(APPEND RANKPO_ENGINE_SOURCES
  model/bert_modules.cpp
  model/bert_weights.cpp
  model/decoder_modules.cpp
  model/decoder_weights.cpp
  model/encoder_model.cpp
  model/layer_checkpoint.cpp
  model/profile_tags.cpp
  model/rotary_embedding.cpp
  model/sentence_encoder.cpp
  model/text_encoder.cpp
)
# Built-in models installed by scripts/install-python-deps.sh into the checkout (the last place searched).
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/model_search_path.cpp PROPERTIES
  COMPILE_DEFINITIONS "RANKPO_DEV_MODELS_DIR=\"${CMAKE_SOURCE_DIR}/.deps/models\"")
