#pragma once

#include "db/project_store.h"

#include <memory>
#include <string>

namespace rankpo::db {

class SqliteConnection;

// Opens a project file (.rankpo): a SQLite database in WAL mode with foreign keys on. Checks that the file is
// a project (application_id), not newer than this program, and, with `checkIntegrity`, intact (quick_check);
// migrates an older file forward to `targetVersion` (a read-only open refuses a file that needs migrating).
std::unique_ptr<SqliteConnection> openSqliteProjectFile(const std::string& path, ProjectStore::OpenMode mode,
                                                        int targetVersion, bool checkIntegrity);

} // namespace rankpo::db
