# The built-in demo corpus (pure C++, no torch).
list(APPEND RANKPO_CORE_SOURCES
  demo/demo_areas_humanities.cpp
  demo/demo_areas_sciences.cpp
  demo/demo_catalogue_world.cpp
  demo/demo_corpus.cpp
  demo/demo_job_writer.cpp
  demo/demo_judge.cpp
  demo/demo_phrases.cpp
  demo/demo_profile_writer.cpp
  demo/demo_random.cpp
  demo/demo_vocabulary.cpp
)
