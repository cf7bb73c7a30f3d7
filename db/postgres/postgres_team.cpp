#include "db/postgres/postgres_team.h"

#include "core/util/error.h"
#include "db/postgres/postgres_connection.h"
#include "db/project_store.h"
#include "db/team_rights.h"

#include <ctime>

namespace rankpo::db {
namespace {

// Role and schema names are identifiers, which no statement can take as a bound parameter: this server-side
// function puts them into a statement text of ours with format()'s %I (quoted as identifiers) and a password's
// hash with %L (quoted as a literal), and the client binds all three. A temporary function, so nothing is left in
// the project; made again in every transaction that needs it.
constexpr const char* kMakeDdlFunction =
    "CREATE OR REPLACE FUNCTION pg_temp.rankpo_team_ddl(statement TEXT, member TEXT, project TEXT, secret TEXT) "
    "RETURNS VOID LANGUAGE plpgsql AS $$ BEGIN EXECUTE format(statement, member, project, secret); END $$";

void ddl(PostgresConnection& db, const char* statement, const std::string& member, const std::string& project,
         const std::string& secret = {})
{
    db.prepare("SELECT pg_temp.rankpo_team_ddl(CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT))")
        .bind(1, statement)
        .bind(2, member)
        .bind(3, project)
        .bind(4, secret)
        .run();
}

// The row-level policies (PostgreSQL ORs a table's permissive policies per command). An owner and a superuser
// bypass them; the owner is the project's first admin. The role and blind flag are read once per statement (the
// scalar subqueries become init plans); whether the reader judged a pair is asked per row, and only in blind mode.
constexpr const char* kPolicies = R"sql(
ALTER TABLE preferences ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS team_read ON preferences;
DROP POLICY IF EXISTS team_insert ON preferences;
DROP POLICY IF EXISTS team_update ON preferences;
DROP POLICY IF EXISTS team_delete ON preferences;
-- Reviewers and admins read every judgement; an annotator too, except in blind mode, where another's judgement of a
-- pair (a person's or the AI's) shows only once they have judged the pair themselves.
CREATE POLICY team_read ON preferences FOR SELECT USING (
    (SELECT rankpo_team_role()) IN ('reviewer', 'admin')
    OR ((SELECT rankpo_team_role()) = 'annotator'
        AND (NOT (SELECT rankpo_team_blind()) OR (source = 'human' AND annotator = session_user)
             OR rankpo_has_judged(pair_id))));
-- A person writes only their own judgements; an admin writes any (the AI judge's, an import's).
CREATE POLICY team_insert ON preferences FOR INSERT WITH CHECK (
    (SELECT rankpo_team_role()) = 'admin'
    OR ((SELECT rankpo_team_role()) IN ('annotator', 'reviewer') AND source = 'human' AND annotator = session_user));
CREATE POLICY team_update ON preferences FOR UPDATE USING (
    (SELECT rankpo_team_role()) = 'admin'
    OR ((SELECT rankpo_team_role()) IN ('annotator', 'reviewer') AND source = 'human' AND annotator = session_user))
    WITH CHECK (
    (SELECT rankpo_team_role()) = 'admin'
    OR ((SELECT rankpo_team_role()) IN ('annotator', 'reviewer') AND source = 'human' AND annotator = session_user));
CREATE POLICY team_delete ON preferences FOR DELETE USING (
    (SELECT rankpo_team_role()) = 'admin'
    OR ((SELECT rankpo_team_role()) IN ('annotator', 'reviewer') AND source = 'human' AND annotator = session_user));

ALTER TABLE adjudications ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS team_read ON adjudications;
DROP POLICY IF EXISTS team_decide ON adjudications;
-- A decision says how a pair was judged: in blind mode an annotator sees it once they judged the pair.
CREATE POLICY team_read ON adjudications FOR SELECT USING (
    (SELECT rankpo_team_role()) IN ('reviewer', 'admin')
    OR ((SELECT rankpo_team_role()) = 'annotator'
        AND (NOT (SELECT rankpo_team_blind()) OR rankpo_has_judged(pair_id))));
-- Reviewers decide in their own name; admins in any.
CREATE POLICY team_decide ON adjudications FOR ALL USING ((SELECT rankpo_team_role()) IN ('reviewer', 'admin'))
    WITH CHECK ((SELECT rankpo_team_role()) = 'admin'
                OR ((SELECT rankpo_team_role()) = 'reviewer' AND reviewer = session_user));
)sql";

// A member's privileges, from nothing, through the project's rankpo_team_grant (migration 0008): it runs as the
// owner, who made every grant, so that an admin who does not own the project can give and take rights too. No
// team role takes every right away.
void setPrivileges(PostgresConnection& db, const std::string& role, std::optional<TeamRole> teamRole)
{
    auto st = db.prepare("SELECT rankpo_team_grant(CAST(? AS TEXT), CAST(? AS TEXT))");
    st.bind(1, role);
    if (teamRole)
        st.bind(2, teamRoleName(*teamRole));
    else
        st.bindNull(2);
    st.run();
}

} // namespace

void grantTeamAgain(PostgresConnection& db)
{
    auto st = db.prepare("SELECT rankpo_team_grant(m.role_name, m.team_role) FROM team_members m "
                         "WHERE EXISTS (SELECT 1 FROM project_info WHERE key = 'team.rights' AND value = 'on') "
                         "AND EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = m.role_name)");
    while (st.step()) {
    }
}

namespace {

// The owner (or a role in it) holds every privilege as owner: granting or revoking would only take its own away.
bool ownsProject(PostgresConnection& db, const std::string& role)
{
    auto st = db.prepare("SELECT pg_has_role(CAST(? AS TEXT), nspowner, 'MEMBER') FROM pg_namespace "
                         "WHERE nspname = current_schema()");
    st.bind(1, role);
    return st.step() && st.int64(0) != 0;
}

bool roleExists(PostgresConnection& db, const std::string& role)
{
    auto st = db.prepare("SELECT 1 FROM pg_roles WHERE rolname = CAST(? AS TEXT)");
    st.bind(1, role);
    return st.step();
}

std::string projectOwner(PostgresConnection& db)
{
    auto st = db.prepare("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = current_schema()");
    return st.step() ? st.text(0) : std::string();
}

void checkRoleName(const std::string& name)
{
    if (!isTeamRoleName(name))
        throw usageError("--user " + name + ": not a login role name this takes (a lower-case letter or _, then "
                         "lower-case letters, digits, _ or $; at most 63; not pg_... or public)");
}

void setInfo(PostgresConnection& db, const char* key, const char* value)
{
    db.prepare("INSERT INTO project_info(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, key)
        .bind(2, value)
        .run();
}

} // namespace

TeamMember initPostgresTeam(ProjectStore& store, PostgresConnection& db, const std::string& displayName)
{
    const TeamStanding standing = TeamRights(store).standing();
    if (!standing.owner)
        throw forbiddenError(store.path() + ": " + standing.user + " cannot set up the team of project "
                             + standing.project + ": team init is the project owner's (" + projectOwner(db)
                             + ") or a superuser's");
    Transaction tx(db);
    db.exec(kMakeDdlFunction);
    // The project's data is the team's alone: nothing for PUBLIC, whatever was granted before.
    ddl(db, "REVOKE ALL ON ALL TABLES IN SCHEMA %2$I FROM PUBLIC", "public", db.schema());
    ddl(db, "REVOKE ALL ON SCHEMA %2$I FROM PUBLIC", "public", db.schema());
    db.exec(kPolicies);
    setInfo(db, "team.rights", "on");
    TeamMember me;
    me.roleName = standing.user;
    me.displayName = displayName;
    me.role = TeamRole::Admin;
    TeamMembers members(store);
    members.put(me);
    grantTeamAgain(db);
    tx.commit();
    return *members.of(me.roleName);
}

AddedTeamMember addPostgresTeamMember(ProjectStore& store, PostgresConnection& db, const NewTeamMember& member)
{
    checkRoleName(member.roleName);
    TeamRights rights(store);
    rights.require(TeamRight::Administer, "adding people to the team");
    AddedTeamMember out;
    TeamMembers members(store);
    out.wasMember = members.of(member.roleName).has_value();
    Transaction tx(db);
    const std::string secret = member.password ? db.encryptPassword(member.roleName, *member.password) : "";
    const bool exists = roleExists(db, member.roleName);
    try {
        if (!exists || member.password)
            db.exec(kMakeDdlFunction); // for the role's own DDL; rights go through rankpo_team_grant
        if (!exists) {
            ddl(db, member.password ? "CREATE ROLE %1$I LOGIN PASSWORD %3$L" : "CREATE ROLE %1$I LOGIN",
                member.roleName, db.schema(), secret);
            out.createdRole = true;
        } else if (member.password) {
            ddl(db, "ALTER ROLE %1$I PASSWORD %3$L", member.roleName, db.schema(), secret);
        }
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::Forbidden)
            throw;
        throw forbiddenError(store.path() + ": "
                             + (!exists ? "creating the login role " + member.roleName
                                        : "setting the password of " + member.roleName)
                             + " needs the server's CREATEROLE, which " + rights.standing().user
                             + " lacks (a server administrator grants it; or add a login role that exists, without a "
                               "password)");
    }
    setPrivileges(db, member.roleName, member.role); // the owner's own rights it leaves as they are
    TeamMember m;
    m.roleName = member.roleName;
    m.displayName = member.displayName;
    m.role = member.role;
    members.put(m);
    tx.commit();
    out.member = *members.of(member.roleName);
    return out;
}

bool removePostgresTeamMember(ProjectStore& store, PostgresConnection& db, const std::string& roleName)
{
    checkRoleName(roleName);
    TeamRights(store).require(TeamRight::Administer, "removing people from the team");
    if (ownsProject(db, roleName))
        throw usageError(store.path() + ": " + roleName + " owns project " + db.schema()
                         + " and keeps every right as its owner (the server's ALTER SCHEMA ... OWNER TO moves it)");
    Transaction tx(db);
    if (roleExists(db, roleName))
        setPrivileges(db, roleName, std::nullopt);
    const bool removed = TeamMembers(store).remove(roleName);
    tx.commit();
    return removed;
}

} // namespace rankpo::db
