#pragma once

// Setting up a shared project's team (`rankpo team init/add/remove/blind`): on a PostgreSQL server, members are
// the server's login roles, their rights the privileges and row-level policies this grants (the README's rights
// table). A project file has no team: each of these refuses one with a message that says how to share it.
#include "db/team_members.h"

#include <optional>
#include <string>

namespace rankpo::db {

class ProjectStore;

// Turns the project's team rights on (run again: grants every member's privileges afresh). Must be run by the
// project's owner (who made it) or a superuser, who is recorded as its first admin under `displayName`.
TeamMember initTeam(ProjectStore& store, const std::string& displayName);

struct NewTeamMember {
    std::string roleName;                // a login role name (isTeamRoleName)
    std::string displayName;             // kept beside it
    TeamRole role = TeamRole::Annotator;
    std::optional<std::string> password; // set on the login role (hashed before it leaves this machine)
};

struct AddedTeamMember {
    TeamMember member;
    bool createdRole = false; // a new login role (else an existing one was adopted)
    bool wasMember = false;   // already in the team: their role changed to this one
};

// Adds a person (an admin's right; a new login role also needs the server's CREATEROLE), or changes their role.
AddedTeamMember addTeamMember(ProjectStore& store, const NewTeamMember& member);
// Takes a person's rights in this project away (their login role stays: roles are the server's, and may be in
// other projects). False when they were not a member.
bool removeTeamMember(ProjectStore& store, const std::string& roleName);
// Blind mode on or off (an admin's right).
void setTeamBlind(ProjectStore& store, bool on);

} // namespace rankpo::db
