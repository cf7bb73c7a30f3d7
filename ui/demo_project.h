#pragma once

#include <QString>

namespace rankpo::ui {

// Where `rankpo-studio --demo` keeps the built-in demo project (a file in the user's data folder;
// RANKPO_DEMO_DIR overrides it).
QString demoProjectPath();

// Makes sure the demo project exists and returns its path; throws rankpo::Error when it cannot be
// created. The seam for the demo corpus: a new file is filled by populateDemoProject() (in the .cpp),
// which the demo corpus generator (core/demo) plugs into; until then a new demo project starts empty.
// A demo written by another version of populateDemoProject() is made again (the old one is kept as
// demo.rankpo.old).
QString ensureDemoProject();

} // namespace rankpo::ui
