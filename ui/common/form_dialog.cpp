#include "ui/common/form_dialog.h"

#include "db/project_store.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace rankpo::ui {

QDialogButtonBox* layOutFormDialog(QDialog* dialog, QFormLayout* form, const QString& note, const QString& okText)
{
    auto* text = new QLabel(note, dialog);
    text->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(okText);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(dialog);
    layout->addLayout(form);
    layout->addWidget(text);
    layout->addWidget(buttons);
    return buttons;
}

QComboBox* makeSplitChoice(QWidget* parent)
{
    auto* box = new QComboBox(parent);
    box->setObjectName("split");
    box->addItem(QObject::tr("All jobs"), QString());
    box->addItem(QObject::tr("Train split"), QStringLiteral("train"));
    box->addItem(QObject::tr("Test split"), QStringLiteral("test"));
    return box;
}

std::optional<Split> chosenSplit(const QComboBox* box)
{
    const QString split = box->currentData().toString();
    if (split.isEmpty())
        return std::nullopt;
    return db::splitFromString(split.toStdString());
}

} // namespace rankpo::ui
