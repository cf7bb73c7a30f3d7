#pragma once

#include <QString>

class QWidget;

namespace rankpo::ui {

// Errors reach the user as a dialog: a one-line summary, and the full message (file:line, field,
// SQLite's words) under "Show Details" and selectable, so it can be copied into a bug report.
void showError(QWidget* parent, const QString& summary, const QString& detail);

// The message of the exception being handled; call inside a catch block.
QString currentExceptionMessage();

} // namespace rankpo::ui
