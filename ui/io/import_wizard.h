#pragma once

#include "core/formats/import_format.h"
#include "db/import_files.h"
#include "ui/io/import_validation.h"
#include "workflows/pool_import.h"

#include <QStringList>
#include <QWizard>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QPlainTextEdit;

namespace rankpo::ui {

class BackgroundTask;
class ProjectDocument;
class TaskControl;

// What the wizard's first page describes.
struct ImportChoices {
    QStringList files;
    std::optional<DataFormat> format;        // nullopt: detect per file
    std::optional<PreferenceSource> source;  // nullopt: as the records say (default ai)
    QString annotator;                       // empty: as the records say
    QString corpus;                          // rankpo-eval: the corpus file
    bool skipInvalid = false;
    // Documents (files and folders of PDF, DOCX, HTML, text) or .jsonl/.csv pools as jobs or candidates;
    // nullopt: pair and label files as above.
    std::optional<db::PoolKind> pool;
    bool recursive = false; // a pool's subfolders too
};

db::ImportOptions importOptionsFor(const ImportChoices& choices);

workflows::PoolImportOptions poolOptionsFor(const ImportChoices& choices);

// Imports into the project file at `projectPath` on the calling (worker) thread through its own
// connection, reporting progress to `control`; cancelling rolls everything back.
db::ImportReport importIntoProject(const QString& projectPath, const ImportChoices& choices, TaskControl& control);

// Import wizard: (1) choose files and options, (2) see the detected formats, a preview of the first
// records and every invalid record with its line number (nothing is written yet), (3) import, with
// progress; cancelling at any point writes nothing.
class ImportWizard : public QWizard {
    Q_OBJECT
public:
    enum { FilesPageId, CheckPageId, ImportPageId };

    ImportWizard(ProjectDocument* document, QWidget* parent = nullptr);
    ~ImportWizard() override;

    void setChoices(const ImportChoices& choices);
    ImportChoices choices() const;
    const std::vector<FileCheck>& checks() const { return m_checks; }
    bool checkFinished() const { return m_checkDone; }
    bool importFinished() const { return m_importDone; }
    bool importSucceeded() const { return m_importSucceeded; }
    const db::ImportReport& report() const { return m_report; }
    // For a pool of documents: what the check read, and what the import added.
    const workflows::PoolCheck& poolCheck() const { return m_poolCheck; }
    const workflows::PoolImportReport& poolReport() const { return m_poolReport; }
    // Blocks until the running check or import is over (tests).
    void waitForWork();

    void reject() override;

private:
    friend class ImportFilesPage;
    friend class ImportCheckPage;
    friend class ImportRunPage;

    void startCheck();
    void startPoolCheck(const ImportChoices& c);
    void startPoolImport(const ImportChoices& c);
    void showPreview(int fileIndex);
    void startImport();

    ProjectDocument* m_document;
    BackgroundTask* m_task;

    // Files page.
    QListWidget* m_files = nullptr;
    QComboBox* m_format = nullptr;
    QComboBox* m_source = nullptr;
    QLineEdit* m_annotator = nullptr;
    QLineEdit* m_corpus = nullptr;
    QCheckBox* m_skipInvalid = nullptr;
    QComboBox* m_pool = nullptr;
    QCheckBox* m_recursive = nullptr;
    workflows::PoolCheck m_poolCheck;
    workflows::PoolImportReport m_poolReport;
    // Check page.
    QLabel* m_checkSummary = nullptr;
    QProgressBar* m_checkProgress = nullptr;
    QComboBox* m_previewFile = nullptr;
    QTableWidget* m_preview = nullptr;
    QPlainTextEdit* m_problems = nullptr;
    std::vector<FileCheck> m_checks;
    bool m_checkDone = false;
    // Import page.
    QLabel* m_importLabel = nullptr;
    QProgressBar* m_importProgress = nullptr;
    QPushButton* m_cancelImport = nullptr;
    QPlainTextEdit* m_importReport = nullptr;
    db::ImportReport m_report;
    bool m_importDone = false;
    bool m_importSucceeded = false;
    bool m_importStarted = false;
};

} // namespace rankpo::ui
