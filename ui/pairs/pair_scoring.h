#pragma once

#include <QString>

class QWidget;

namespace rankpo::ui {

class ProjectDocument;

// "Score pairs with model…": asks which model (built-in, project model or finished run), scores the
// two candidates of every pair for its job on a worker behind a progress dialog with Cancel
// (workflows::scorePairs, through the embedding cache), and makes it the queue's score model.
// Returns the name the scores are stored under, empty when nothing was scored (errors: a dialog).
QString scorePairsWithModel(QWidget* parent, ProjectDocument* document, const QString& model = {});

} // namespace rankpo::ui
