#pragma once

#include "core/domain/preference.h"
#include "db/pair_details.h"
#include "db/team_rights.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <list>
#include <memory>
#include <optional>

class QTimer;
class QUndoStack;

namespace rankpo::db {
class ChangeWatch;
class JudgementOutbox;
class ProjectStore;
} // namespace rankpo::db

namespace rankpo::ui {

// One open project, as the views see it (Tiled's MapDocument): the GUI thread's store, the undo stack of the user's edits, the annotator's name, and change notifications. Views
// read through it; heavy work opens its own connection to path() on a worker thread.
class ProjectDocument : public QObject {
    Q_OBJECT
public:
    // Opens (create: creates) a project file and migrates it, which can take a while for a large
    // file, so callers run this off the GUI thread and hand the store over (an SQLite connection may
    // change threads while no other thread uses it). Throws rankpo::Error. The app opens without
    // SQLite's integrity check (it reads the whole file) and runs checkIntegrity() on a worker after.
    static std::unique_ptr<db::ProjectStore> openStore(const QString& path, bool create, bool checkIntegrity = false);
    // SQLite's quick_check over the whole file, on the caller's (worker) thread with its own
    // connection; throws rankpo::Error (Data) when the file is damaged.
    static void checkIntegrity(const QString& path, const std::atomic<bool>* cancel = nullptr);

    // `openedAs`: the location the store was opened with, when it differs from store().path() (a server URL with
    // the password the user typed, kept in memory so that workers can connect too).
    explicit ProjectDocument(std::unique_ptr<db::ProjectStore> store, QObject* parent = nullptr, QString openedAs = {});
    ~ProjectDocument() override;

    db::ProjectStore& store() { return *m_store; }
    // What workers open: may hold a server password, so it is never shown or saved; see location().
    QString path() const { return m_path; }
    // What the app shows and remembers: the file's path, or the server URL without its password.
    QString location() const { return m_location; }
    QString displayName() const;
    QUndoStack* undoStack() const { return m_undoStack; }

    QString annotator() const { return m_annotator; }
    void setAnnotator(const QString& name);

    // Who the person is on the project's team, read once at opening: on a server project whose team is set up,
    // what their role allows; everything on a file. Views grey out what would be refused; the server enforces it
    // either way.
    const db::TeamStanding& team() const { return m_team; }
    bool allows(db::TeamRight right) const { return db::standingAllows(m_team, right); }
    // "bob is an annotator on project fellows; training needs the admin right"; `action` a gerund.
    QString refusal(db::TeamRight right, const QString& action) const;

    // The model whose scores the queue's "uncertain first" order and model-AI filter use.
    QStringList scoredModels();
    QString scoreModel() const { return m_scoreModel; }
    void setScoreModel(const QString& model);

    // A pair as the annotation view shows it; cached (a few pairs), dropped when the pair changes.
    std::optional<db::PairDetails> pair(PairId id);
    void prefetchPair(PairId id);

    // Records the annotator's judgement of a pair (replacing their earlier one) as an undoable
    // command. `shownFirst` is the candidate that was on the left. Returns false when nothing was
    // stored (no annotator, or an error, which is reported through editFailed).
    bool judge(PairId pair, CandidateId shownFirst, Choice choice, std::optional<int> confidence, const QString& rationale);
    // Removes a stored judgement (undoable).
    void removeJudgement(const Preference& stored);
    // The annotator's decision, as reviewer, on a pair the raters disagree on (nullopt winner: a tie), replacing an
    // earlier decision; undoable. False when nothing was stored (no name, or an error reported through editFailed).
    bool decide(PairId pair, std::optional<CandidateId> winner, const QString& note);
    // Withdraws the pair's decision (undoable).
    void withdrawDecision(PairId pair);

    // On a server project: the judgements not yet sent (kept in a file beside the user's data, keyed by the project
    // URL, so that they outlive the app), nullptr for a file. A timer sends them every 3 s while any are kept.
    db::JudgementOutbox* outbox() const { return m_outbox.get(); }
    // Sends what the outbox keeps now (the timer's work; also on opening, for what a previous session left).
    void sendKeptJudgements();
    int keptJudgements() const { return m_kept; }
    // A judgement the outbox kept (the server was away): views advance as if it was stored.
    void notifyJudgementKept(PairId pair);
    // A kept judgement was forgotten (undone before it was sent).
    void notifyKeptJudgementUndone(PairId pair);

    // For the undo commands.
    void notifyPairEdited(PairId pair, bool undone);
    void notifyDecisionChanged(PairId pair);
    void reportEditError(const QString& summary, const QString& detail);
    // After an import or another bulk change: views reload.
    void notifyDataChanged();
    // Looks for judgements, decisions and assignments that another connection (a teammate's app, a script)
    // committed, and if there are any, views reload (dataChanged). A timer calls it every second.
    bool checkForTeamChanges();

Q_SIGNALS:
    void pairEdited(qint64 pairId, bool undone);
    void decisionChanged(qint64 pairId);
    void dataChanged();
    void annotatorChanged(const QString& name);
    void scoreModelChanged(const QString& model);
    void editFailed(const QString& summary, const QString& detail);
    // The outbox's state changed: `kept` judgements wait for the server (0: all sent); `message` says so for the
    // status bar ("Server unreachable — 3 judgements kept, retrying"), empty when all is sent.
    void outboxChanged(int kept, const QString& message);

private:
    std::unique_ptr<db::ProjectStore> m_store;
    QString m_path;
    QString m_location;
    QUndoStack* m_undoStack;
    QString m_annotator;
    db::TeamStanding m_team;
    QString m_scoreModel;
    std::list<db::PairDetails> m_cache; // most recent first
    std::unique_ptr<db::ChangeWatch> m_watch;
    QTimer* m_watchTimer;
    std::unique_ptr<db::JudgementOutbox> m_outbox;
    QTimer* m_outboxTimer = nullptr;
    int m_kept = 0;
    void updateKept(const QString& error);
};

} // namespace rankpo::ui
