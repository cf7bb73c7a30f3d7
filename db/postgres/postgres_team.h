#pragma once

// db/team_admin.h on a PostgreSQL project: the roles, grants and row-level policies. db-internal.
#include "db/team_admin.h"

namespace rankpo::db {

class PostgresConnection;

TeamMember initPostgresTeam(ProjectStore& store, PostgresConnection& db, const std::string& displayName);
AddedTeamMember addPostgresTeamMember(ProjectStore& store, PostgresConnection& db, const NewTeamMember& member);
bool removePostgresTeamMember(ProjectStore& store, PostgresConnection& db, const std::string& roleName);

} // namespace rankpo::db
