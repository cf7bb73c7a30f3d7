#pragma once

// db/team_admin.h on a PostgreSQL project: the roles, grants and row-level policies. db-internal.
#include "db/team_admin.h"

namespace rankpo::db {

class PostgresConnection;

TeamMember initPostgresTeam(ProjectStore& store, PostgresConnection& db, const std::string& displayName);
AddedTeamMember addPostgresTeamMember(ProjectStore& store, PostgresConnection& db, const NewTeamMember& member);
bool removePostgresTeamMember(ProjectStore& store, PostgresConnection& db, const std::string& roleName);
// Every member's privileges given again from nothing (when the team's rights are on): after `team init`, and after
// a migration, whose new tables the team has no rights to yet. The caller's transaction.
void grantTeamAgain(PostgresConnection& db);

} // namespace rankpo::db
