#pragma once

#include <QDialog>
#include <QString>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSettings;
class QSpinBox;
class QWidget;

namespace rankpo::ui {

class ProjectDocument;

// What the "Judge with AI…" dialog asks. Everything but the key is remembered (QSettings group "judge"): the
// key stays in its environment variable or file, and only their names are stored.
struct JudgeSettings {
    QString endpoint = QStringLiteral("http://127.0.0.1:8080/v1");
    QString model;
    QString keyVariable = QStringLiteral("OPENAI_API_KEY");
    QString keyFile;           // used instead of the variable when set
    QString prompt;            // empty: the default prompt
    bool bothOrders = true;
    QString split = QStringLiteral("all");
    int limit = 0;             // 0: every pending pair
    int concurrency = 4;
    bool maskOverride = false; // false: mask when the endpoint is not on loopback
    bool mask = true;          // with maskOverride

    static JudgeSettings load(QSettings& settings);
    void save(QSettings& settings) const;
};

// The judge's options: endpoint, model, key variable or file, prompt (shown for editing), both orders, which
// pairs, limit, masking (with a line that says where the texts go and whether they are masked).
class JudgeDialog : public QDialog {
    Q_OBJECT
public:
    explicit JudgeDialog(const JudgeSettings& settings, QWidget* parent = nullptr);
    JudgeSettings settings() const;

private:
    void updateMasking();

    QLineEdit* m_endpoint;
    QLineEdit* m_model;
    QLineEdit* m_keyVariable;
    QLineEdit* m_keyFile;
    QPlainTextEdit* m_prompt;
    QCheckBox* m_bothOrders;
    QComboBox* m_split;
    QSpinBox* m_limit;
    QSpinBox* m_concurrency;
    QCheckBox* m_mask;
    QLabel* m_where;
    bool m_maskTouched = false;
};

// "Judge with AI…": asks (JudgeDialog), then judges the pending pairs on a worker behind a progress dialog with
// live counts and Cancel (everything finished stays stored), and shows the summary. Returns the number of
// answers stored.
long long judgeWithAi(QWidget* parent, ProjectDocument* document);

} // namespace rankpo::ui
