#pragma once

#include "core/domain/preference.h"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace rankpo::db {

class Connection;
class ProjectStore;

// What one attempt to send the kept judgements did.
struct OutboxReport {
    std::size_t sent = 0;           // stored now (or found stored already: a retry after a lost reply)
    std::size_t kept = 0;           // still waiting: the server could not be reached
    std::vector<std::string> dropped; // refused for a data reason (the pair is gone, ...): one message each
    bool unreachable = false;       // the attempt stopped because the server cannot be reached
    std::string lastError;          // why, when unreachable
};

// Judgements that could not be sent to a project's server yet, kept in a small SQLite file of their own beside
// the user's data (the caller picks the path: the app keys it by the project URL without its password), so that
// they outlive the app. Each carries its client id (made when the judgement is made), so sending again after a
// lost reply stores it once. Kept in the order they were made and sent in that order: a later judgement of the
// same pair must replace an earlier one, not the other way round. A judgement the store refuses for a data reason
// is reported and dropped, never retried forever; one that fails because the server is away stays, with all after
// it.
class JudgementOutbox {
public:
    // Opens (creates) the outbox file. Throws rankpo::Error (Io) when it cannot.
    explicit JudgementOutbox(const std::string& path);
    ~JudgementOutbox();
    JudgementOutbox(const JudgementOutbox&) = delete;
    JudgementOutbox& operator=(const JudgementOutbox&) = delete;

    const std::string& path() const { return m_path; }

    // Keeps a judgement (it must have a client id; a second keep of the same id is ignored).
    void keep(const Preference& judgement);
    // Forgets a kept judgement (the user undid it before it was sent); false when it was not kept.
    bool forget(const std::string& clientId);
    std::size_t size();
    std::vector<Preference> pending();

    // Sends the kept judgements in order (JudgementEdits::replace: a person's new judgement of a pair replaces
    // their earlier one), each forgotten once stored; stops at the first that cannot reach the server.
    OutboxReport send(ProjectStore& store);
    // A new judgement: kept, then everything waiting is sent (it last); what could not be sent stays kept
    // (report.kept counts it, and report.unreachable says why).
    OutboxReport record(ProjectStore& store, const Preference& judgement);

private:
    std::string m_path;
    std::unique_ptr<Connection> m_db;
};

// Whether a project at this location is on a server, where judgements go through an outbox (a file needs none).
bool usesOutbox(const std::string& projectLocation);

// The outbox file's name for a project location (a URL without its password): a hash of it, so that each project
// has its own and the name is a plain file name.
std::string outboxFileName(const std::string& projectLocation);

} // namespace rankpo::db
