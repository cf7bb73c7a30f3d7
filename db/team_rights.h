#pragma once

// What the connected person may do in a project, asked before an action so that a refusal names the missing right
// ("bob is an annotator on project fellows; importing needs the admin right") instead of surfacing as the server's
// "permission denied" half-way through. The server enforces the same rights by privileges and row-level policies
// (db/postgres/postgres_team.cpp): this check is for the message and for not starting work that would be refused.
// A project file, and a server project whose team `rankpo team init` has not set up, allow everything.
#include "db/team_members.h"

#include <optional>
#include <string>
#include <string_view>

namespace rankpo::db {

class Connection;
class ProjectStore;

enum class TeamRight {
    Annotate,   // one's own judgements
    Review,     // every judgement, reviewers' decisions
    Administer, // data, pairs, splits, assignments, the judge, training, evaluation, scores, the team
};

// The role a right is named by in messages and docs: "annotator", "reviewer", "admin".
std::string_view teamRightName(TeamRight right);
bool roleAllows(TeamRole role, TeamRight right);

struct TeamStanding {
    bool enforced = false;        // a server project whose team rights are on
    bool blind = false;           // blind mode (annotators see others' judgements of a pair once they judged it)
    std::string user;             // the connected login role ("" for a file)
    std::string project;          // the project's name, for messages
    std::optional<TeamRole> role; // nullopt: not a member
    bool owner = false;           // the project's owner or a superuser: every right, whatever the table says
};

// Whether someone of this standing holds the right (everything on a file, an owner or a team not set up), and the
// message that refuses it otherwise ("bob is an annotator on project fellows; importing needs the admin right"):
// for the app, which asks once at opening and greys out what would be refused.
bool standingAllows(const TeamStanding& standing, TeamRight right);
std::string refusalOf(const TeamStanding& standing, TeamRight right, std::string_view action);

class TeamRights {
public:
    explicit TeamRights(ProjectStore& store) : m_store(store) {}

    // Read once per TeamRights from the project.
    const TeamStanding& standing();
    bool allows(TeamRight right);
    // Throws rankpo::Error (Forbidden) naming the person, their role, the project, what they tried (`action`, a
    // gerund: "importing") and the right it needs; returns when allowed.
    void require(TeamRight right, std::string_view action);

private:
    ProjectStore& m_store;
    std::optional<TeamStanding> m_standing;
};

// The same check on a store of its own, for a caller that does one thing.
void requireTeamRight(ProjectStore& store, TeamRight right, std::string_view action);
// The same check, then the store's connection: for a writer's member initialisers, so that a refused person is
// told before the writer prepares its statements (each a round trip to a server).
Connection& connectionWithRight(ProjectStore& store, TeamRight right, std::string_view action);
// Whether the person may keep what they computed (embedding vectors, the models they used) in the project: the
// caches are an admin's to write, so an annotator's app computes and uses them without storing them.
bool mayWriteCaches(ProjectStore& store);

} // namespace rankpo::db
