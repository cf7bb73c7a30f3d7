#include "db/team_rights.h"

#include "core/util/error.h"
#include "db/project_store.h"
#include "db/store_access.h"

namespace rankpo::db {

std::string_view teamRightName(TeamRight right)
{
    switch (right) {
    case TeamRight::Annotate: return "annotator";
    case TeamRight::Review: return "reviewer";
    case TeamRight::Administer: return "admin";
    }
    return "admin";
}

bool roleAllows(TeamRole role, TeamRight right)
{
    switch (right) {
    case TeamRight::Annotate: return true;
    case TeamRight::Review: return role == TeamRole::Reviewer || role == TeamRole::Admin;
    case TeamRight::Administer: return role == TeamRole::Admin;
    }
    return false;
}

const TeamStanding& TeamRights::standing()
{
    if (m_standing)
        return *m_standing;
    TeamStanding s;
    auto& db = connectionOf(m_store);
    if (db.dialect() == SqlDialect::Postgres) {
        // One round trip: who this is, their row, the project's settings, and whether they own the schema (an
        // owner bypasses the row policies and holds every privilege; so does a superuser).
        auto st = db.prepare(
            "SELECT session_user, (SELECT team_role FROM team_members WHERE role_name = session_user), "
            "COALESCE((SELECT value FROM project_info WHERE key = 'team.rights'), 'off'), "
            "COALESCE((SELECT value FROM project_info WHERE key = 'team.blind'), 'off'), "
            "COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), FALSE) "
            "OR pg_has_role(session_user, (SELECT nspowner FROM pg_namespace WHERE nspname = current_schema()), "
            "'USAGE'), current_schema()");
        if (st.step()) {
            s.user = st.text(0);
            if (!st.isNull(1))
                s.role = teamRoleFromName(st.textView(1));
            s.enforced = st.textView(2) == "on";
            s.blind = st.textView(3) == "on";
            s.owner = st.int64(4) != 0;
            s.project = st.text(5);
        }
    }
    m_standing = std::move(s);
    return *m_standing;
}

bool standingAllows(const TeamStanding& s, TeamRight right)
{
    if (!s.enforced || s.owner)
        return true;
    return s.role && roleAllows(*s.role, right);
}

std::string refusalOf(const TeamStanding& s, TeamRight right, std::string_view action)
{
    const std::string needs = std::string(action) + " needs the " + std::string(teamRightName(right)) + " right";
    if (!s.role)
        return s.user + " is not a member of project " + s.project + "; " + needs
               + " (an admin adds people with rankpo team add)";
    const std::string_view role = teamRoleName(*s.role);
    const char* article = *s.role == TeamRole::Annotator || *s.role == TeamRole::Admin ? "an " : "a ";
    return s.user + " is " + article + std::string(role) + " on project " + s.project + "; " + needs;
}

bool TeamRights::allows(TeamRight right)
{
    return standingAllows(standing(), right);
}

void TeamRights::require(TeamRight right, std::string_view action)
{
    if (!allows(right))
        throw forbiddenError(refusalOf(standing(), right, action));
}

void requireTeamRight(ProjectStore& store, TeamRight right, std::string_view action)
{
    TeamRights(store).require(right, action);
}

Connection& connectionWithRight(ProjectStore& store, TeamRight right, std::string_view action)
{
    requireTeamRight(store, right, action);
    return connectionOf(store);
}

bool mayWriteCaches(ProjectStore& store)
{
    return TeamRights(store).allows(TeamRight::Administer);
}

} // namespace rankpo::db
