#include "ui/common/error_dialog.h"

#include "core/util/error.h"

#include <QMessageBox>

#include <exception>

namespace rankpo::ui {

void showError(QWidget* parent, const QString& summary, const QString& detail)
{
    QMessageBox box(QMessageBox::Warning, QObject::tr("RankPO Studio"), summary, QMessageBox::Ok, parent);
    // The first line of the detail says most; the rest (a list of bad records) goes under the button.
    const QString firstLine = detail.section('\n', 0, 0);
    box.setInformativeText(firstLine.size() > 300 ? firstLine.left(300) + QStringLiteral("…") : firstLine);
    if (detail.size() > firstLine.size() || firstLine.size() > 300)
        box.setDetailedText(detail);
    box.setTextInteractionFlags(Qt::TextSelectableByMouse);
    box.exec();
}

QString currentExceptionMessage()
{
    try {
        throw;
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    } catch (...) {
        return QObject::tr("unknown error");
    }
}

} // namespace rankpo::ui
