#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;

namespace rankpo::ui {

// File ▸ Open shared project…: a team's project on a PostgreSQL server, by URL
// (postgresql://user@host:port/db?project=NAME) and, when the server asks for one, a password. The password
// goes to libpq with this opening only; the recent list and the settings keep the URL without it.
class ServerProjectDialog : public QDialog {
    Q_OBJECT
public:
    explicit ServerProjectDialog(QWidget* parent = nullptr, const QString& url = {}, const QString& problem = {});

    // The location to open: the URL with the password, if one was typed.
    QString location() const;

    void accept() override;

private:
    QLineEdit* m_url;
    QLineEdit* m_password;
    QLabel* m_problem;
};

} // namespace rankpo::ui
