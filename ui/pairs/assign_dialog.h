#pragma once

#include "db/pair_assignments.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace rankpo::ui {

class ProjectDocument;

// "Assign…" on the Pairs page: which people, how many of them a pair (k), which jobs' pairs, the seed, and whether
// to withdraw and redistribute what is not yet judged. Only the form: assignPairsOnWorker() does the work.
class AssignDialog : public QDialog {
    Q_OBJECT
public:
    // `annotators`: the names to offer (the team so far and the current annotator).
    explicit AssignDialog(const QStringList& annotators, QWidget* parent = nullptr);

    db::AssignmentRequest request() const;

    QLineEdit* annotatorsEdit() const { return m_annotators; }
    QSpinBox* perPairBox() const { return m_perPair; }
    QCheckBox* rebalanceBox() const { return m_rebalance; }

private:
    QLineEdit* m_annotators;
    QSpinBox* m_perPair;
    QComboBox* m_split;
    QSpinBox* m_seed;
    QCheckBox* m_rebalance;
};

// Assigns on a worker behind a progress dialog (a pass over the project's pairs and assignments); nullopt when it
// failed (a dialog says why, nothing is changed). The document hears of the change.
std::optional<db::AssignmentResult> assignPairsOnWorker(QWidget* parent, ProjectDocument* document,
                                                        const db::AssignmentRequest& request);

// The whole of "Assign…": the dialog, the work, a summary. Returns whether anything was assigned or withdrawn.
bool assignPairsWithDialog(QWidget* parent, ProjectDocument* document);

} // namespace rankpo::ui
