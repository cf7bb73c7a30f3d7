list(APPEND RANKPO_CORE_SOURCES
  formats/candidate_profile_parser.cpp
  formats/csv_field_reader.cpp
  formats/csv_record_reader.cpp
  formats/import_format.cpp
  formats/job_facts_parser.cpp
  formats/json_record.cpp
  formats/judge_response.cpp
  formats/line_reader.cpp
  formats/pool_record_reader.cpp
  formats/record_arena.cpp
  formats/record_parsers.cpp
  formats/resume_section_parser.cpp
)
