#pragma once

#include "core/demo/demo_corpus.h"
#include "db/project_writer.h"

namespace rankpo::db {

class ProjectStore;

// Writes a generated demo corpus into a project (one transaction): jobs, candidates, rule labels,
// pairs and the simulated judge's preferences (source ai). Returns what was added.
WriteCounts writeDemoCorpus(ProjectStore& store, const demo::DemoCorpus& corpus);

} // namespace rankpo::db
