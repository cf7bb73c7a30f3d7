#pragma once

// The people of a shared project and their part in it (schema version 7). On a PostgreSQL server a member is a
// login role and the role gives rights (db/team_rights.h; set up by db/team_admin.h); a project file only keeps
// the list a `rankpo pull` brought with it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rankpo::db {

class ProjectStore;

// What a member may do, from least to most (the README's rights table):
enum class TeamRole {
    Annotator, // reads the project, writes only their own judgements
    Reviewer,  // an annotator who also reads every judgement and adjudicates
    Admin,     // imports, makes pairs, splits, assigns, runs the judge, trains, evaluates, scores, manages the team
};

std::string_view teamRoleName(TeamRole role);
std::optional<TeamRole> teamRoleFromName(std::string_view name);

struct TeamMember {
    std::string roleName;    // the login role, an SQL identifier
    std::string displayName; // how people know them ("" when not given)
    TeamRole role = TeamRole::Annotator;
    std::int64_t addedAt = 0;
};

// True for a name PostgreSQL takes as a role without quoting: a lower-case letter or underscore, then lower-case
// letters, digits, underscores or dollars, at most 63 bytes; not one of the server's own (pg_*, public).
bool isTeamRoleName(std::string_view name);

// The team_members table, on either engine.
class TeamMembers {
public:
    explicit TeamMembers(ProjectStore& store) : m_store(store) {}

    std::vector<TeamMember> all(); // by role name
    std::optional<TeamMember> of(const std::string& roleName);
    // Adds or updates one member (its role and, when not empty, its display name).
    void put(const TeamMember& member);
    // False when there was no such member.
    bool remove(const std::string& roleName);

private:
    ProjectStore& m_store;
};

} // namespace rankpo::db
