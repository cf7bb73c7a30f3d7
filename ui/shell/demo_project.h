#pragma once

#include <QString>

namespace rankpo::ui {

// Where `rankpo-studio --demo` keeps the built-in demo project (a file in the user's data folder;
// RANKPO_DEMO_DIR overrides it).
QString demoProjectPath();

// Makes sure the demo project exists and returns its path; throws rankpo::Error when it cannot be
// created. A new file gets the built-in demo corpus (core/demo: 150 jobs, 1,500 profiles, rule labels,
// 3,000 pairs judged by a simulated AI judge) split 70/30 into train and test, ready to annotate,
// train and evaluate. Generating it takes a moment: callers run this off the GUI thread. A demo
// written by another version is made again (the old one is kept as demo.rankpo.old).
QString ensureDemoProject();

} // namespace rankpo::ui
