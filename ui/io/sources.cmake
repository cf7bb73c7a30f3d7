list(APPEND RANKPO_UI_SOURCES
  io/export_dialog.cpp
  io/export_settings.cpp
  io/import_validation.cpp
  io/import_wizard.cpp
)
