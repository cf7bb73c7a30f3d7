// rankpo team: the people of a shared project on a PostgreSQL server and their rights (init, add, list, remove,
// blind). The server's own login roles are the people; db/team_admin.h grants what each team role may do.
#include "app/cli/command.h"
#include "core/util/error.h"
#include "core/util/trim.h"
#include "db/project_store.h"
#include "db/team_admin.h"
#include "db/team_rights.h"

#include <nlohmann/json.hpp>

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

namespace rankpo::cli {
namespace {

std::string readPasswordFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw ioError(path + ": cannot read the password file");
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    if (line.empty())
        throw usageError(path + ":1: the password file's first line is empty");
    return line;
}

// Asked on the terminal without echo, twice so that a typo does not lock someone out.
std::string askPassword(const std::string& user)
{
    const auto ask = [](const std::string& prompt) {
        std::cerr << prompt << std::flush;
        termios old{};
        const bool tty = ::tcgetattr(STDIN_FILENO, &old) == 0;
        if (tty) {
            termios quiet = old;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        }
        std::string line;
        std::getline(std::cin, line);
        if (tty)
            ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::cerr << "\n";
        return line;
    };
    const std::string first = ask("Password for " + user + ": ");
    if (first.empty())
        throw usageError("an empty password (use --no-password for a role the server authenticates otherwise)");
    if (ask("Again: ") != first)
        throw usageError("the two passwords differ; nothing changed");
    return first;
}

nlohmann::ordered_json memberJson(const db::TeamMember& m)
{
    return {{"user", m.roleName}, {"name", m.displayName}, {"role", db::teamRoleName(m.role)}, {"added_at", m.addedAt}};
}

void setupInit(CLI::App& team)
{
    auto* cmd = team.add_subcommand("init", "Turn the project's team rights on, with you (its owner) as the first admin");
    struct Options {
        std::string project, name;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("project", o->project, "The project's URL (postgresql://...?project=NAME)")->required();
    cmd->add_option("--name", o->name, "Your display name");
    cmd->callback([o] {
        auto store = db::ProjectStore::open(o->project);
        const auto me = db::initTeam(*store, std::string(trim(o->name)));
        std::cout << store->path() << ": team rights on; " << me.roleName << " is its admin. Add people with rankpo "
                  << "team add " << store->path() << " --user NAME --role annotator|reviewer|admin\n";
    });
}

void setupAdd(CLI::App& team)
{
    auto* cmd = team.add_subcommand("add", "Add a person (a new or existing login role) or change their role");
    struct Options {
        std::string project, user, role, name, passwordFile;
        bool noPassword = false;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("project", o->project, "The project's URL")->required();
    cmd->add_option("--user", o->user, "Login role name (an SQL identifier: lower-case letters, digits, _)")->required();
    cmd->add_option("--role", o->role, "annotator, reviewer or admin")
        ->required()
        ->check(CLI::IsMember({"annotator", "reviewer", "admin"}));
    cmd->add_option("--name", o->name, "Display name (e.g. their full name)");
    auto* file = cmd->add_option("--password-file", o->passwordFile, "Read the role's password from this file's first line");
    cmd->add_flag("--no-password", o->noPassword,
                  "Set no password (an existing role keeps its own; the server authenticates otherwise)")
        ->excludes(file);
    cmd->callback([o] {
        db::NewTeamMember member;
        member.roleName = std::string(trim(o->user));
        member.displayName = std::string(trim(o->name));
        member.role = *db::teamRoleFromName(o->role);
        if (!o->passwordFile.empty())
            member.password = readPasswordFile(o->passwordFile);
        else if (!o->noPassword && ::isatty(STDIN_FILENO))
            member.password = askPassword(member.roleName);
        auto store = db::ProjectStore::open(o->project);
        const auto added = db::addTeamMember(*store, member);
        const bool an = added.member.role == db::TeamRole::Annotator || added.member.role == db::TeamRole::Admin;
        std::cout << added.member.roleName << (added.wasMember ? " is now " : " joined ")
                  << (added.wasMember ? "" : store->path() + " as ") << (an ? "an " : "a ")
                  << db::teamRoleName(added.member.role) << (added.wasMember ? " on " + store->path() : std::string())
                  << (added.createdRole ? " (a new login role" : " (an existing login role")
                  << (member.password ? ", password set)" : ", no password set)") << "\n";
    });
}

void setupList(CLI::App& team)
{
    auto* cmd = team.add_subcommand("list", "The project's people, their roles, and whether blind mode is on");
    struct Options {
        std::string project;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("project", o->project, "The project's URL (or a pulled snapshot's file)")->required();
    cmd->add_flag("--json", o->json, "Print as JSON");
    cmd->callback([o] {
        auto store = db::ProjectStore::open(o->project, db::ProjectStore::OpenMode::ReadOnly, false);
        const auto standing = db::TeamRights(*store).standing();
        const auto members = db::TeamMembers(*store).all();
        if (o->json) {
            auto list = nlohmann::ordered_json::array();
            for (const auto& m : members)
                list.push_back(memberJson(m));
            std::cout << nlohmann::ordered_json{{"project", store->path()},
                                                {"rights", standing.enforced},
                                                {"blind", standing.blind},
                                                {"you", standing.user},
                                                {"members", list}}
                             .dump(2)
                      << "\n";
            return;
        }
        if (!store->sessionUser())
            std::cout << store->path() << ": a project file, which enforces no rights"
                      << (members.empty() ? "" : "; the team as it was when pulled:") << "\n";
        else
            std::cout << store->path() << ": team rights " << (standing.enforced ? "on" : "off (rankpo team init)")
                      << ", blind mode " << (standing.blind ? "on" : "off") << "\n";
        if (members.empty())
            std::cout << "  no members\n";
        for (const auto& m : members)
            std::cout << "  " << m.roleName << (m.displayName.empty() ? "" : " (" + m.displayName + ")") << ": "
                      << db::teamRoleName(m.role) << (m.roleName == standing.user ? "  <- you" : "") << "\n";
    });
}

void setupRemove(CLI::App& team)
{
    auto* cmd = team.add_subcommand("remove", "Take a person's rights in this project away (their login role stays)");
    struct Options {
        std::string project, user;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("project", o->project, "The project's URL")->required();
    cmd->add_option("--user", o->user, "Login role name")->required();
    cmd->callback([o] {
        auto store = db::ProjectStore::open(o->project);
        const std::string user(trim(o->user));
        if (!db::removeTeamMember(*store, user))
            throw usageError(store->path() + ": " + user + " is not a member (rankpo team list shows who is)");
        std::cout << user << " left " << store->path() << "; their judgements stay\n";
    });
}

void setupBlind(CLI::App& team)
{
    auto* cmd = team.add_subcommand("blind", "Blind mode: annotators see others' judgements of a pair only after "
                                             "judging it themselves");
    struct Options {
        std::string project, state;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("project", o->project, "The project's URL")->required();
    cmd->add_option("state", o->state, "on or off")->required()->check(CLI::IsMember({"on", "off"}));
    cmd->callback([o] {
        auto store = db::ProjectStore::open(o->project);
        db::setTeamBlind(*store, o->state == "on");
        std::cout << store->path() << ": blind mode " << o->state << "\n";
    });
}

void setupTeam(CLI::App& root)
{
    auto* team = root.add_subcommand("team", "A shared project's people and rights: init, add, list, remove, blind");
    team->require_subcommand(1);
    setupInit(*team);
    setupAdd(*team);
    setupList(*team);
    setupRemove(*team);
    setupBlind(*team);
}

} // namespace

RANKPO_CLI_COMMAND(14, "team", setupTeam);

} // namespace rankpo::cli
