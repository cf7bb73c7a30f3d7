#include "db/team_members.h"

#include "db/project_store.h"
#include "db/store_access.h"

#include <ctime>
#include <optional>

namespace rankpo::db {

std::string_view teamRoleName(TeamRole role)
{
    switch (role) {
    case TeamRole::Annotator: return "annotator";
    case TeamRole::Reviewer: return "reviewer";
    case TeamRole::Admin: return "admin";
    }
    return "annotator";
}

std::optional<TeamRole> teamRoleFromName(std::string_view name)
{
    for (TeamRole role : {TeamRole::Annotator, TeamRole::Reviewer, TeamRole::Admin})
        if (teamRoleName(role) == name)
            return role;
    return std::nullopt;
}

bool isTeamRoleName(std::string_view name)
{
    if (name.empty() || name.size() > 63 || name.rfind("pg_", 0) == 0 || name == "public")
        return false;
    const auto lowerOrUnderscore = [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; };
    if (!lowerOrUnderscore(name.front()))
        return false;
    for (char c : name)
        if (!lowerOrUnderscore(c) && !(c >= '0' && c <= '9') && c != '$')
            return false;
    return true;
}

namespace {

TeamMember readMember(const Statement& st)
{
    TeamMember m;
    m.roleName = st.text(0);
    m.displayName = st.text(1);
    m.role = teamRoleFromName(st.textView(2)).value_or(TeamRole::Annotator);
    m.addedAt = st.int64(3);
    return m;
}

constexpr const char* kSelect = "SELECT role_name, display_name, team_role, added_at FROM team_members";

} // namespace

std::vector<TeamMember> TeamMembers::all()
{
    auto st = connectionOf(m_store).prepare(std::string(kSelect) + " ORDER BY role_name");
    std::vector<TeamMember> out;
    while (st.step())
        out.push_back(readMember(st));
    return out;
}

std::optional<TeamMember> TeamMembers::of(const std::string& roleName)
{
    auto st = connectionOf(m_store).prepare(std::string(kSelect) + " WHERE role_name = ?");
    st.bind(1, roleName);
    if (!st.step())
        return std::nullopt;
    return readMember(st);
}

void TeamMembers::put(const TeamMember& member)
{
    auto& db = connectionOf(m_store);
    std::optional<Transaction> tx; // joins the caller's transaction (team add grants and records in one)
    if (!db.inTransaction())
        tx.emplace(db);
    db.prepare("INSERT INTO team_members (role_name, display_name, team_role, added_at) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (role_name) DO UPDATE SET team_role = excluded.team_role, display_name = CASE "
               "WHEN excluded.display_name = '' THEN team_members.display_name ELSE excluded.display_name END")
        .bind(1, member.roleName)
        .bind(2, member.displayName)
        .bind(3, teamRoleName(member.role))
        .bind(4, member.addedAt ? member.addedAt : static_cast<std::int64_t>(std::time(nullptr)))
        .run();
    if (tx)
        tx->commit();
}

bool TeamMembers::remove(const std::string& roleName)
{
    auto& db = connectionOf(m_store);
    std::optional<Transaction> tx;
    if (!db.inTransaction())
        tx.emplace(db);
    db.prepare("DELETE FROM team_members WHERE role_name = ?").bind(1, roleName).run();
    const bool removed = db.changes() > 0;
    if (tx)
        tx->commit();
    return removed;
}

} // namespace rankpo::db
