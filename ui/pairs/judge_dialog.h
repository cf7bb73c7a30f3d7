#pragma once

#include "workflows/judge_pairs.h"

#include <QDialog>
#include <QString>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSettings;
class QSpinBox;
class QWidget;

namespace rankpo::db {
class ProjectStore;
}

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
    // What *Preview* shows for the current settings: how many requests are pending and the first one as sent
    // (throws rankpo::Error on bad settings, shown as the preview's text).
    using Preview = std::function<QString(const JudgeSettings&)>;

    explicit JudgeDialog(const JudgeSettings& settings, QWidget* parent = nullptr, Preview preview = {});
    JudgeSettings settings() const;
    // The preview's text for the current settings (what the Preview button shows).
    QString previewText() const;

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
    Preview m_preview;
};

// The workflow's options from the dialog's settings, the key read from its variable or file. Throws
// rankpo::Error on a bad prompt, split, key file or missing model.
workflows::JudgeWorkflowOptions judgeOptions(const JudgeSettings& settings);

// Runs the judge on a worker behind a progress dialog with live counts and Cancel; the document is told of new
// answers while they arrive (every 1.5 s at most), so AI review shows them, and once more at the end. Returns
// the summary (a cancelled run too), or nothing with `error` set when the run failed.
std::optional<workflows::JudgeSummary> runJudge(QWidget* parent, ProjectDocument* document,
                                                const workflows::JudgeWorkflowOptions& options, QString* error);

// The preview of a project's judge run: the pending requests and pairs, whether the texts are masked, and the
// first request's messages as they would be sent.
QString judgePreview(db::ProjectStore& store, const workflows::JudgeWorkflowOptions& options);

// "Judge with AI…": asks (JudgeDialog), then judges the pending pairs on a worker behind a progress dialog with
// live counts and Cancel (everything finished stays stored), and shows the summary. Returns the number of
// answers stored.
long long judgeWithAi(QWidget* parent, ProjectDocument* document);

} // namespace rankpo::ui
