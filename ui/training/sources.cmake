list(APPEND RANKPO_UI_SOURCES
  training/run_table_model.cpp
  training/sweep_dialog.cpp
  training/training_charts.cpp
  training/training_form.cpp
  training/training_page.cpp
  training/training_worker.cpp
)
