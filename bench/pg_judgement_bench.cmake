# The shared store under load (issue 15): built in every build with PostgreSQL support (it is small and links only
# the store), so that bench/run_pg_bench.sh needs no second configure. The full run is a `bench` ctest (not run by
# ./test.sh); a smoke run with tiny counts and no goal is a unit test that it still works.
if(RANKPO_HAVE_POSTGRES)
  add_executable(pg_judgement_bench ${CMAKE_CURRENT_LIST_DIR}/pg_judgement_bench.cpp)
  target_link_libraries(pg_judgement_bench PRIVATE rankpo_db)
  target_include_directories(pg_judgement_bench PRIVATE ${CMAKE_SOURCE_DIR})
  target_compile_definitions(pg_judgement_bench PRIVATE RANKPO_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  set_target_properties(pg_judgement_bench PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bench)
  add_test(NAME bench_pg_judgement COMMAND pg_judgement_bench --work ${CMAKE_BINARY_DIR}/bench-data/pg)
  set_tests_properties(bench_pg_judgement PROPERTIES LABELS bench TIMEOUT 900)
  add_test(NAME pg_judgement_bench_smoke
           COMMAND pg_judgement_bench --annotators 3 --judgements 20 --queue-pairs 5000 --no-goal
                   --work ${CMAKE_BINARY_DIR}/bench-data/pg-smoke)
  set_tests_properties(pg_judgement_bench_smoke PROPERTIES LABELS unit TIMEOUT 60)
endif()
