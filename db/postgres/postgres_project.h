#pragma once

#include "db/project_store.h"

#include <memory>
#include <string>

namespace rankpo::db {

class PostgresConnection;

// Opens a project on a PostgreSQL server: the schema the URL's `project` names (db/postgres/postgres_url.h), one
// schema per project. With the same OpenMode rules as a file: Create refuses a schema that holds data,
// OpenExisting and ReadOnly refuse a missing one ("no project NAME at URL"); a schema of other tables, or of a
// newer program, is refused; an older one is migrated forward to `targetVersion` (never when ReadOnly).
std::unique_ptr<PostgresConnection> openPostgresProject(const std::string& url, ProjectStore::OpenMode mode,
                                                        int targetVersion, bool checkIntegrity);

} // namespace rankpo::db
