list(APPEND RANKPO_UI_SOURCES
  rankings/candidate_detail_view.cpp
  rankings/rank_moves.cpp
  rankings/ranking_comparison_page.cpp
)
