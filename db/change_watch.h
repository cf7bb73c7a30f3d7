#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace rankpo::db {

class ProjectStore;

// Tells an open app that someone else changed what its views show of team work: a judgement made or replaced,
// a decision, an assignment, by a teammate's app, a script or the app's own workers. Cheap to poll every second:
// the engine's change stamp first (SQLite's data_version: no I/O), and only when it moved a fingerprint of the
// judgement tables (a few indexed aggregates), so a training run writing its metrics wakes nobody. A server's
// notifications already say exactly that (0005's triggers, others' sessions only): no query at all there.
class ChangeWatch {
public:
    // Takes the current state as seen.
    explicit ChangeWatch(ProjectStore& store);

    // True when the judgements, decisions or assignments differ from the last call (or construction).
    bool judgementsChanged();
    // Marks the current state as seen (after the app's own edits, which it has shown already).
    void acknowledge();

private:
    std::string fingerprint();

    ProjectStore& m_store;
    std::optional<std::int64_t> m_stamp;
    std::string m_fingerprint;
};

} // namespace rankpo::db
