list(APPEND RANKPO_UI_SOURCES
  evaluation/dashboard_data.cpp
  evaluation/evaluation_dashboard_page.cpp
  evaluation/metric_bars_chart.cpp
  evaluation/sweep_chart.cpp
  evaluation/tradeoff_chart.cpp
)
