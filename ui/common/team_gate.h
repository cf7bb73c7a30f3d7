#pragma once

// Controls that need a team right (db/team_rights.h): on a server project whose team is set up, what the person's
// role lacks is greyed out and its tooltip says why ("bob is an annotator on project fellows; training needs the
// admin right"), instead of a click that the server refuses. A file, and an owner, allow everything.
#include "db/team_rights.h"

#include <QString>

class QAction;
class QWidget;

namespace rankpo::ui {

class ProjectDocument;

// Enables `control` when `enabled` and the document's person holds `right` (`action`, a gerund, names the work in
// the refusal); otherwise disables it. Its own tooltip comes back once the right is there. Returns whether it is
// enabled.
bool enableWithRight(QWidget* control, bool enabled, const ProjectDocument* document, db::TeamRight right,
                     const QString& action);
bool enableWithRight(QAction* control, bool enabled, const ProjectDocument* document, db::TeamRight right,
                     const QString& action);

} // namespace rankpo::ui
