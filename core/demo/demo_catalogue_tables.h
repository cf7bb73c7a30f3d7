#pragma once

#include "core/demo/demo_catalogue.h"

// Internal: the research-area tables live in two files (sciences; health, social sciences and
// humanities) so that each stays a readable size. Use areaSpec() from demo_catalogue.h instead.
namespace rankpo::demo {

int technicalAreaCount();
const AreaSpec& technicalArea(int index);
int humanAreaCount();
const AreaSpec& humanArea(int index);

} // namespace rankpo::demo
