#include "db/team_admin.h"

#include "core/util/error.h"
#include "db/project_store.h"
#include "db/store_access.h"
#include "db/team_rights.h"

#ifdef RANKPO_WITH_POSTGRES
#include "db/postgres/postgres_connection.h"
#include "db/postgres/postgres_team.h"
#endif

namespace rankpo::db {
namespace {

[[noreturn]] void noTeamOnAFile(ProjectStore& store)
{
    throw usageError(store.path() + ": a project file has no team; share it on a PostgreSQL server first "
                     "(rankpo push " + store.path() + " postgresql://HOST/DB?project=NAME), then set up its team there");
}

#ifdef RANKPO_WITH_POSTGRES
PostgresConnection& serverOf(ProjectStore& store)
{
    auto& db = connectionOf(store);
    if (db.dialect() != SqlDialect::Postgres)
        noTeamOnAFile(store);
    return static_cast<PostgresConnection&>(db);
}

void requireTeamSetUp(ProjectStore& store)
{
    if (!TeamRights(store).standing().enforced)
        throw usageError(store.path() + ": the project's team is not set up yet (its owner runs rankpo team init "
                         + store.path() + ")");
}
#endif

} // namespace

TeamMember initTeam(ProjectStore& store, const std::string& displayName)
{
#ifdef RANKPO_WITH_POSTGRES
    return initPostgresTeam(store, serverOf(store), displayName);
#else
    (void)displayName;
    noTeamOnAFile(store);
#endif
}

AddedTeamMember addTeamMember(ProjectStore& store, const NewTeamMember& member)
{
#ifdef RANKPO_WITH_POSTGRES
    auto& db = serverOf(store);
    requireTeamSetUp(store);
    return addPostgresTeamMember(store, db, member);
#else
    (void)member;
    noTeamOnAFile(store);
#endif
}

bool removeTeamMember(ProjectStore& store, const std::string& roleName)
{
#ifdef RANKPO_WITH_POSTGRES
    auto& db = serverOf(store);
    requireTeamSetUp(store);
    return removePostgresTeamMember(store, db, roleName);
#else
    (void)roleName;
    noTeamOnAFile(store);
#endif
}

void setTeamBlind(ProjectStore& store, bool on)
{
#ifdef RANKPO_WITH_POSTGRES
    serverOf(store);
    requireTeamSetUp(store);
    requireTeamRight(store, TeamRight::Administer, "setting blind mode");
    store.setInfo("team.blind", on ? "on" : "off");
#else
    (void)on;
    noTeamOnAFile(store);
#endif
}

} // namespace rankpo::db
