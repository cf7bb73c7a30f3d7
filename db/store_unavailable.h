#pragma once

#include "core/util/error.h"

namespace rankpo::db {

// The project's server cannot be reached (it went away, restarts, or the network is down): the statement did not
// run, or did and its reply was lost. Distinct from bad data, so that a caller can keep what it meant to write and
// send it again later (db/judgement_outbox.h); still an Io error for everyone else (the CLI's exit code 1). The
// connection tries to reconnect on its next call.
class StoreUnavailable : public Error {
public:
    explicit StoreUnavailable(const std::string& message) : Error(ErrorKind::Io, message) {}
};

} // namespace rankpo::db
