list(APPEND RANKPO_UI_SOURCES
  shell/app_settings.cpp
  shell/demo_project.cpp
  shell/main_window.cpp
  shell/server_project_dialog.cpp
  shell/start_page.cpp
  shell/studio_page.cpp
)
