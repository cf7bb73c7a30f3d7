#pragma once

#include "core/domain/rule_label.h"

#include <QString>

#include <optional>

class QComboBox;
class QDialog;
class QDialogButtonBox;
class QFormLayout;
class QWidget;

namespace rankpo::ui {

// The layout the Pairs page's dialogs share (Make pairs…, Assign…): the form, a wrapped note saying what the
// action does, and OK (named `okText`) / Cancel wired to accept and reject. Returns the buttons.
QDialogButtonBox* layOutFormDialog(QDialog* dialog, QFormLayout* form, const QString& note, const QString& okText);

// "All jobs / Train split / Test split" (objectName "split"), and what it says.
QComboBox* makeSplitChoice(QWidget* parent);
std::optional<Split> chosenSplit(const QComboBox* box);

} // namespace rankpo::ui
