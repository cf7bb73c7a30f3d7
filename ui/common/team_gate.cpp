#include "ui/common/team_gate.h"

#include "ui/document/project_document.h"

#include <QAction>
#include <QVariant>
#include <QWidget>

namespace rankpo::ui {
namespace {

// The control's own tooltip, kept while a refusal stands in for it.
constexpr const char* kOwnToolTip = "rankpoOwnToolTip";

template <typename Control>
bool enable(Control* control, bool enabled, const ProjectDocument* document, db::TeamRight right, const QString& action)
{
    if (document && !document->allows(right)) {
        const QString refusal = document->refusal(right, action);
        if (control->toolTip() != refusal) // a page may have set its tooltip again since
            control->setProperty(kOwnToolTip, control->toolTip());
        control->setToolTip(refusal);
        control->setEnabled(false);
        return false;
    }
    if (const QVariant own = control->property(kOwnToolTip); own.isValid()) {
        control->setToolTip(own.toString());
        control->setProperty(kOwnToolTip, QVariant());
    }
    control->setEnabled(enabled);
    return enabled;
}

} // namespace

bool enableWithRight(QWidget* control, bool enabled, const ProjectDocument* document, db::TeamRight right,
                     const QString& action)
{
    return enable(control, enabled, document, right, action);
}

bool enableWithRight(QAction* control, bool enabled, const ProjectDocument* document, db::TeamRight right,
                     const QString& action)
{
    return enable(control, enabled, document, right, action);
}

} // namespace rankpo::ui
