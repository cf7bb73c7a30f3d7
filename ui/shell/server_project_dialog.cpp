#include "ui/shell/server_project_dialog.h"

#include "db/project_location.h"
#include "ui/common/form_dialog.h"
#include "ui/common/project_location.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include <exception>
#include <stdexcept>

namespace rankpo::ui {

ServerProjectDialog::ServerProjectDialog(QWidget* parent, const QString& url, const QString& problem)
    : QDialog(parent)
    , m_url(new QLineEdit(url, this))
    , m_password(new QLineEdit(this))
    , m_problem(new QLabel(problem, this))
{
    setWindowTitle(tr("Open shared project"));
    setObjectName("serverProjectDialog");
    m_url->setObjectName("url");
    m_url->setPlaceholderText(QStringLiteral("postgresql://me@db.example.org/rankpo?project=fellows"));
    m_url->setMinimumWidth(420);
    m_password->setObjectName("password");
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("from ~/.pgpass or PGPASSWORD when empty"));
    m_problem->setObjectName("problem");
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problem->setVisible(!problem.isEmpty());

    auto* form = new QFormLayout;
    form->addRow(tr("Server URL:"), m_url);
    form->addRow(tr("Password:"), m_password);
    form->addRow(m_problem);
    layOutFormDialog(this, form,
                     tr("A team's project on a PostgreSQL server: you judge under the role you connect as. "
                        "The password is used for this connection only and never saved."),
                     tr("Open"));
    if (!url.isEmpty())
        m_password->setFocus();
}

QString ServerProjectDialog::location() const
{
    return withServerPassword(m_url->text().trimmed(), m_password->text());
}

void ServerProjectDialog::accept()
{
    // Checked here so that a typo is fixed in place rather than after a connection attempt.
    const std::string url = m_url->text().trimmed().toStdString();
    try {
        if (!db::isServerLocation(url))
            throw std::runtime_error("The URL starts with postgresql:// (postgresql://[user@]host[:port]/dbname?project=NAME).");
        db::serverProjectOf(url);
    } catch (const std::exception& e) {
        m_problem->setText(QString::fromUtf8(e.what()));
        m_problem->setVisible(true);
        m_url->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace rankpo::ui
