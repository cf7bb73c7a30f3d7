# rankpo_documents: text from document files (Poppler, libzip, libxml2) and the folder scanner.
list(APPEND RANKPO_DOCUMENTS_SOURCES
  documents/cp1252_codec.cpp
  documents/document_extractor.cpp
  documents/document_format.cpp
  documents/document_scanner.cpp
  documents/docx_text_extractor.cpp
  documents/html_text_extractor.cpp
  documents/line_end_hyphen_joiner.cpp
  documents/pdf_text_extractor.cpp
  documents/pdf_word_layout.cpp
  documents/pool_source.cpp
  documents/text_cleanup.cpp
  documents/text_file_decoder.cpp
  documents/text_flow_builder.cpp
  documents/xml_library.cpp
)
