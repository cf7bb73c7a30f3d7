# Small helpers shared by every layer.

# The shared sample data lives beside the checkout (../shared/data); tests find it by this path. A checkout
# elsewhere (a git worktree) points at it with -DRANKPO_SHARED_DATA_DIR=...
if(NOT RANKPO_SHARED_DATA_DIR)
  get_filename_component(RANKPO_SHARED_DATA_DIR "${CMAKE_SOURCE_DIR}/../shared/data" ABSOLUTE)
endif()

# rankpo_add_test(NAME tst_foo SOURCES a.cpp... [LIBS ...] [LABELS ...] [TIMEOUT s] [GUI])
# One Qt Test executable per unit, run by ctest. Tests read fixtures through RANKPO_SOURCE_DIR and
# RANKPO_SHARED_DATA_DIR, never through the working directory.
function(rankpo_add_test)
  cmake_parse_arguments(T "GUI" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  if("rankpo_engine" IN_LIST T_LIBS OR "rankpo_engine_workflows" IN_LIST T_LIBS)
    rankpo_reuse_torch_pch(${T_NAME})
  endif()
  # Test classes declare Q_OBJECT in the .cpp and include their .moc.
  set_target_properties(${T_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests AUTOMOC ON)
  target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
  target_include_directories(${T_NAME} PRIVATE ${CMAKE_SOURCE_DIR})
  target_compile_definitions(${T_NAME} PRIVATE
    RANKPO_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
    RANKPO_BINARY_DIR="${CMAKE_BINARY_DIR}"
    RANKPO_SHARED_DATA_DIR="${RANKPO_SHARED_DATA_DIR}")
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  set(_env "QT_QPA_PLATFORM=offscreen" "OMP_WAIT_POLICY=PASSIVE" "RANKPO_SHARED_DATA_DIR=${RANKPO_SHARED_DATA_DIR}"
           "RANKPO_BIN_DIR=${CMAKE_BINARY_DIR}/bin" "RANKPO_SOURCE_DIR=${CMAKE_SOURCE_DIR}")
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 600)
  endif()
  set(_labels ${T_LABELS})
  if(NOT _labels)
    set(_labels unit)
  endif()
  set_tests_properties(${T_NAME} PROPERTIES ENVIRONMENT "${_env}" TIMEOUT ${T_TIMEOUT} LABELS "${_labels}")
endfunction()

# Precompiled headers keep the libtorch-heavy targets' builds short: <torch/torch.h> is compiled once, for
# rankpo_engine, and every other target that includes libtorch reuses that one (REUSE_FROM), which needs the
# same compile flags: those targets are position-independent like the library (not PIE).
function(rankpo_use_torch_pch target)
  target_precompile_headers(${target} PRIVATE <torch/torch.h>)
endfunction()
function(rankpo_reuse_torch_pch target)
  target_precompile_headers(${target} REUSE_FROM rankpo_engine)
  get_target_property(_type ${target} TYPE)
  if(_type STREQUAL "EXECUTABLE")
    # GCC refuses a header precompiled with -fPIC in a -fPIE compile; PIC code links into a PIE all the same.
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE OFF)
    target_compile_options(${target} PRIVATE -fPIC)
  endif()
endfunction()
