#pragma once

#include "workflows/make_pairs.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;
class QSpinBox;

namespace rankpo::ui {

class ProjectDocument;
struct ModelChoice;

// "Make pairs…" on the Pairs page: which model ranks each job's candidates (built-in, project model or finished
// run), how pairs are drawn (strategy), how many per job, among the top K, and the seed. Only the form: the work
// runs in makePairsOnWorker().
class MakePairsDialog : public QDialog {
    Q_OBJECT
public:
    MakePairsDialog(const QList<ModelChoice>& models, QWidget* parent = nullptr);

    workflows::MakePairsOptions options() const;

    QComboBox* modelBox() const { return m_model; }
    QComboBox* strategyBox() const { return m_strategy; }
    QSpinBox* perJobBox() const { return m_perJob; }
    QSpinBox* topBox() const { return m_top; }
    QSpinBox* seedBox() const { return m_seed; }

private:
    QComboBox* m_model;
    QComboBox* m_strategy;
    QComboBox* m_split;
    QSpinBox* m_perJob;
    QSpinBox* m_top;
    QSpinBox* m_seed;
};

// Makes the pairs on a worker (workflows::engine().makePairs, through the embedding cache) behind a progress
// dialog with Cancel; nullopt when cancelled or failed (errors: a dialog). The document hears of the new pairs.
std::optional<workflows::MakePairsResult> makePairsOnWorker(QWidget* parent, ProjectDocument* document,
                                                            workflows::MakePairsOptions options);

// The whole of "Make pairs…": the dialog, the work, a summary. Returns the number of pairs added.
std::size_t makePairsWithDialog(QWidget* parent, ProjectDocument* document);

} // namespace rankpo::ui
