#include "ui/io/import_wizard.h"

#include "core/util/error.h"
#include "db/project_store.h"
#include "ui/shell/app_settings.h"
#include "ui/common/background_task.h"
#include "ui/common/error_dialog.h"
#include "ui/document/project_document.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QWizardPage>

#include <memory>

namespace rankpo::ui {

db::ImportOptions importOptionsFor(const ImportChoices& choices)
{
    db::ImportOptions options;
    options.format = choices.format;
    options.skipInvalid = choices.skipInvalid;
    options.source = choices.source;
    if (!choices.annotator.trimmed().isEmpty())
        options.annotator = choices.annotator.trimmed().toStdString();
    options.corpusPath = choices.corpus.toStdString();
    return options;
}

db::ImportReport importIntoProject(const QString& projectPath, const ImportChoices& choices, TaskControl& control)
{
    auto store = db::ProjectStore::open(projectPath.toStdString());
    db::ImportOptions options = importOptionsFor(choices);
    options.progress = [&control](std::uint64_t done, std::uint64_t total) {
        control.setProgress(static_cast<std::int64_t>(done), static_cast<std::int64_t>(total));
        return !control.cancelled();
    };
    std::vector<std::string> files;
    for (const QString& f : choices.files)
        files.push_back(f.toStdString());
    return db::importFiles(*store, files, options);
}

workflows::PoolImportOptions poolOptionsFor(const ImportChoices& choices)
{
    workflows::PoolImportOptions options;
    options.kind = choices.pool.value_or(db::PoolKind::Candidates);
    options.recursive = choices.recursive;
    options.skipInvalid = choices.skipInvalid;
    return options;
}

// Page 1: files and options.
class ImportFilesPage : public QWizardPage {
public:
    explicit ImportFilesPage(ImportWizard* wizard) : m_wizard(wizard)
    {
        setTitle(tr("Choose the files to import"));
        setSubTitle(tr("Preference pairs (rankpo-pairs, trl-dpo, csv), stage-1 labels (rankpo-contrastive), "
                       "relevance (trec-qrels) or evaluation queries (rankpo-eval with its corpus)."));
        auto* files = new QListWidget(this);
        files->setObjectName("importFiles");
        files->setSelectionMode(QAbstractItemView::ExtendedSelection);
        wizard->m_files = files;
        auto* add = new QPushButton(tr("Add files…"), this);
        auto* addFolder = new QPushButton(tr("Add folder…"), this);
        addFolder->setToolTip(tr("A folder of documents (PDF, DOCX, HTML, text) to import as jobs or candidates"));
        connect(addFolder, &QPushButton::clicked, this, [this] {
            AppSettings settings;
            const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder of documents"), settings.lastDirectory());
            if (folder.isEmpty())
                return;
            settings.setLastDirectory(folder);
            m_wizard->m_files->addItem(folder);
            if (!m_wizard->m_pool->currentData().isValid())
                m_wizard->m_pool->setCurrentIndex(2); // a folder holds documents: candidates unless told otherwise
            Q_EMIT completeChanged();
        });
        auto* remove = new QPushButton(tr("Remove"), this);
        connect(add, &QPushButton::clicked, this, [this] {
            AppSettings settings;
            const QStringList chosen = QFileDialog::getOpenFileNames(this, tr("Import files"), settings.lastDirectory(),
                                                                     tr("Data files (*.jsonl *.json *.csv *.tsv *.txt *.qrels);;All files (*)"));
            if (chosen.isEmpty())
                return;
            settings.setLastDirectory(QFileInfo(chosen.front()).absolutePath());
            for (const QString& f : chosen)
                m_wizard->m_files->addItem(f);
            Q_EMIT completeChanged();
        });
        connect(remove, &QPushButton::clicked, this, [this] {
            qDeleteAll(m_wizard->m_files->selectedItems());
            Q_EMIT completeChanged();
        });
        auto* buttons = new QVBoxLayout;
        buttons->addWidget(add);
        buttons->addWidget(addFolder);
        buttons->addWidget(remove);
        buttons->addStretch(1);
        auto* fileRow = new QHBoxLayout;
        fileRow->addWidget(files, 1);
        fileRow->addLayout(buttons);

        auto* format = new QComboBox(this);
        format->addItem(tr("Detect from the first record"));
        for (DataFormat f : allFormats())
            format->addItem(QString::fromUtf8(formatName(f).data(), static_cast<int>(formatName(f).size())), static_cast<int>(f));
        wizard->m_format = format;
        auto* source = new QComboBox(this);
        source->addItem(tr("As the records say (AI judge by default)"));
        source->addItem(tr("AI judge"), static_cast<int>(PreferenceSource::Ai));
        source->addItem(tr("Person"), static_cast<int>(PreferenceSource::Human));
        wizard->m_source = source;
        auto* annotator = new QLineEdit(this);
        annotator->setPlaceholderText(tr("As the records say (model / annotator field)"));
        wizard->m_annotator = annotator;
        auto* corpus = new QLineEdit(this);
        corpus->setPlaceholderText(tr("Only for rankpo-eval: the {\"text\"} corpus its queries index"));
        wizard->m_corpus = corpus;
        auto* browseCorpus = new QPushButton(tr("Browse…"), this);
        connect(browseCorpus, &QPushButton::clicked, this, [this] {
            const QString f = QFileDialog::getOpenFileName(this, tr("Corpus file"), AppSettings().lastDirectory());
            if (!f.isEmpty())
                m_wizard->m_corpus->setText(f);
        });
        auto* corpusRow = new QHBoxLayout;
        corpusRow->addWidget(corpus, 1);
        corpusRow->addWidget(browseCorpus);
        auto* skip = new QCheckBox(tr("Skip invalid records (import the valid ones and list the others)"), this);
        wizard->m_skipInvalid = skip;

        auto* pool = new QComboBox(this);
        pool->setObjectName("importAs");
        pool->addItem(tr("Pairs, judgements or labels (the formats below)"));
        pool->addItem(tr("Documents as jobs"), static_cast<int>(db::PoolKind::Jobs));
        pool->addItem(tr("Documents as candidates"), static_cast<int>(db::PoolKind::Candidates));
        pool->setToolTip(tr("Documents: .pdf .docx .html .txt .md files and folders, or .jsonl/.csv pools with id "
                            "and text fields"));
        wizard->m_pool = pool;
        auto* recursive = new QCheckBox(tr("Include subfolders"), this);
        wizard->m_recursive = recursive;
        auto updateEnabled = [format, source, annotator, corpus, recursive, pool] {
            const bool documents = pool->currentData().isValid();
            for (QWidget* w : std::initializer_list<QWidget*>{format, source, annotator, corpus})
                w->setEnabled(!documents);
            recursive->setEnabled(documents);
        };
        connect(pool, qOverload<int>(&QComboBox::currentIndexChanged), this, updateEnabled);
        updateEnabled();

        auto* form = new QFormLayout;
        form->addRow(tr("Import as"), pool);
        form->addRow(QString(), recursive);
        form->addRow(tr("Format"), format);
        form->addRow(tr("Judgements come from"), source);
        form->addRow(tr("Annotator / model"), annotator);
        form->addRow(tr("Corpus"), corpusRow);
        form->addRow(QString(), skip);

        auto* layout = new QVBoxLayout(this);
        layout->addLayout(fileRow, 1);
        layout->addLayout(form);
    }

    bool isComplete() const override { return m_wizard->m_files->count() > 0; }

private:
    ImportWizard* m_wizard;
};

// Page 2: formats, preview and validation report; nothing is written.
class ImportCheckPage : public QWizardPage {
public:
    explicit ImportCheckPage(ImportWizard* wizard) : m_wizard(wizard)
    {
        setTitle(tr("Check"));
        setSubTitle(tr("Nothing has been written yet. Every record is parsed as the import will parse it."));
        setCommitPage(true);
        setButtonText(QWizard::CommitButton, tr("Import"));
        wizard->m_checkSummary = new QLabel(this);
        wizard->m_checkSummary->setObjectName("checkSummary");
        wizard->m_checkSummary->setWordWrap(true);
        wizard->m_checkProgress = new QProgressBar(this);
        wizard->m_previewFile = new QComboBox(this);
        connect(wizard->m_previewFile, qOverload<int>(&QComboBox::currentIndexChanged), wizard, &ImportWizard::showPreview);
        wizard->m_preview = new QTableWidget(0, 5, this);
        wizard->m_preview->setObjectName("importPreview");
        wizard->m_preview->setHorizontalHeaderLabels({tr("Line"), tr("Job"), tr("Candidate A"), tr("Candidate B"), tr("Outcome")});
        wizard->m_preview->verticalHeader()->hide();
        wizard->m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
        wizard->m_preview->horizontalHeader()->setStretchLastSection(true);
        wizard->m_problems = new QPlainTextEdit(this);
        wizard->m_problems->setObjectName("importProblems");
        wizard->m_problems->setReadOnly(true);
        wizard->m_problems->setLineWrapMode(QPlainTextEdit::NoWrap);
        wizard->m_problems->setPlaceholderText(tr("No invalid records."));

        auto* previewRow = new QHBoxLayout;
        previewRow->addWidget(new QLabel(tr("Preview of"), this));
        previewRow->addWidget(wizard->m_previewFile, 1);
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(wizard->m_checkSummary);
        layout->addWidget(wizard->m_checkProgress);
        layout->addLayout(previewRow);
        layout->addWidget(wizard->m_preview, 3);
        layout->addWidget(new QLabel(tr("Validation report"), this));
        layout->addWidget(wizard->m_problems, 2);
    }

    void initializePage() override { m_wizard->startCheck(); }
    void cleanupPage() override { m_wizard->m_task->cancel(); }

    bool isComplete() const override
    {
        if (m_wizard->m_pool->currentData().isValid()) {
            const auto& c = m_wizard->m_poolCheck;
            return m_wizard->m_checkDone && !c.cancelled && c.texts > 0
                && (c.invalid.empty() || m_wizard->m_skipInvalid->isChecked());
        }
        if (!m_wizard->m_checkDone || m_wizard->m_checks.empty())
            return false;
        for (const auto& c : m_wizard->m_checks) {
            if (!c.fileError.empty() || c.cancelled || (c.invalid > 0 && !m_wizard->m_skipInvalid->isChecked()))
                return false;
        }
        return true;
    }

    void changed() { Q_EMIT completeChanged(); }

private:
    ImportWizard* m_wizard;
};

// Page 3: the import itself.
class ImportRunPage : public QWizardPage {
public:
    explicit ImportRunPage(ImportWizard* wizard) : m_wizard(wizard)
    {
        setTitle(tr("Import"));
        wizard->m_importLabel = new QLabel(this);
        wizard->m_importLabel->setObjectName("importStatus");
        wizard->m_importLabel->setWordWrap(true);
        wizard->m_importProgress = new QProgressBar(this);
        wizard->m_importProgress->setRange(0, 1000);
        wizard->m_cancelImport = new QPushButton(tr("Cancel import"), this);
        connect(wizard->m_cancelImport, &QPushButton::clicked, wizard->m_task, &BackgroundTask::cancel);
        wizard->m_importReport = new QPlainTextEdit(this);
        wizard->m_importReport->setReadOnly(true);
        auto* row = new QHBoxLayout;
        row->addWidget(wizard->m_importProgress, 1);
        row->addWidget(wizard->m_cancelImport);
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(wizard->m_importLabel);
        layout->addLayout(row);
        layout->addWidget(wizard->m_importReport, 1);
    }

    void initializePage() override { m_wizard->startImport(); }
    bool isComplete() const override { return m_wizard->m_importDone; }
    void changed() { Q_EMIT completeChanged(); }

private:
    ImportWizard* m_wizard;
};

ImportWizard::ImportWizard(ProjectDocument* document, QWidget* parent)
    : QWizard(parent), m_document(document), m_task(new BackgroundTask(this))
{
    setWindowTitle(tr("Import data"));
    setObjectName("importWizard");
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setPage(FilesPageId, new ImportFilesPage(this));
    setPage(CheckPageId, new ImportCheckPage(this));
    setPage(ImportPageId, new ImportRunPage(this));
    resize(900, 640);
}

ImportWizard::~ImportWizard() = default;

void ImportWizard::setChoices(const ImportChoices& choices)
{
    m_files->clear();
    m_files->addItems(choices.files);
    m_format->setCurrentIndex(choices.format ? m_format->findData(static_cast<int>(*choices.format)) : 0);
    m_source->setCurrentIndex(choices.source ? m_source->findData(static_cast<int>(*choices.source)) : 0);
    m_annotator->setText(choices.annotator);
    m_corpus->setText(choices.corpus);
    m_skipInvalid->setChecked(choices.skipInvalid);
    m_pool->setCurrentIndex(choices.pool ? m_pool->findData(static_cast<int>(*choices.pool)) : 0);
    m_recursive->setChecked(choices.recursive);
    if (auto* p = page(FilesPageId))
        Q_EMIT p->completeChanged();
}

ImportChoices ImportWizard::choices() const
{
    ImportChoices c;
    for (int i = 0; i < m_files->count(); ++i)
        c.files << m_files->item(i)->text();
    if (m_format->currentData().isValid())
        c.format = static_cast<DataFormat>(m_format->currentData().toInt());
    if (m_source->currentData().isValid())
        c.source = static_cast<PreferenceSource>(m_source->currentData().toInt());
    c.annotator = m_annotator->text();
    c.corpus = m_corpus->text().trimmed();
    c.skipInvalid = m_skipInvalid->isChecked();
    if (m_pool->currentData().isValid())
        c.pool = static_cast<db::PoolKind>(m_pool->currentData().toInt());
    c.recursive = m_recursive->isChecked();
    return c;
}

void ImportWizard::startPoolCheck(const ImportChoices& c)
{
    auto result = std::make_shared<workflows::PoolCheck>();
    connect(m_task, &BackgroundTask::succeeded, this, [this, result] {
        m_poolCheck = std::move(*result);
        m_checkDone = true;
        m_checkProgress->hide();
        const auto& check = m_poolCheck;
        QString summary = tr("%n document(s) or record(s) to import", nullptr, static_cast<int>(check.texts));
        summary += tr(", %n invalid", nullptr, static_cast<int>(check.invalid.size()));
        summary += tr(", %n not supported (skipped).", nullptr, static_cast<int>(check.unsupported.size()));
        if (!check.invalid.empty() && !m_skipInvalid->isChecked())
            summary += tr(" Go back and tick “Skip invalid records” to import the others, or fix the files.");
        if (check.texts == 0)
            summary += tr(" Nothing to import.");
        m_checkSummary->setText(summary);
        m_previewFile->addItem(tr("the first %n document(s)", nullptr, static_cast<int>(check.preview.size())));
        m_preview->setRowCount(static_cast<int>(check.preview.size()));
        for (int r = 0; r < static_cast<int>(check.preview.size()); ++r) {
            const auto& p = check.preview[static_cast<std::size_t>(r)];
            const QString text = QString::fromStdString(p.text);
            const QString cells[] = {QString::number(r + 1), QString::fromStdString(p.externalId), snippet(p.text, 300), QString(),
                                     QString::fromStdString(p.sourceFormat)};
            for (int col = 0; col < 5; ++col) {
                auto* item = new QTableWidgetItem(cells[col]);
                item->setToolTip(col == 2 ? text : cells[col]);
                m_preview->setItem(r, col, item);
            }
        }
        QStringList report;
        for (const auto& m : check.invalid)
            report << QString::fromStdString(m);
        for (const auto& p : check.preview)
            for (const auto& w : p.warnings)
                report << tr("warning: %1").arg(QString::fromStdString(w));
        for (const auto& m : check.unsupported)
            report << tr("not supported, skipped: %1").arg(QString::fromStdString(m));
        m_problems->setPlainText(report.join('\n'));
        static_cast<ImportCheckPage*>(page(CheckPageId))->changed();
    });
    connect(m_task, &BackgroundTask::failed, this, [this](const QString& message) {
        m_checkSummary->setText(tr("The check failed: %1").arg(message));
        m_checkProgress->hide();
    });
    connect(m_task, &BackgroundTask::cancelled, this, [this] { m_checkProgress->hide(); });
    m_preview->setHorizontalHeaderLabels({tr("#"), tr("Document"), tr("Extracted text"), QString(), tr("Format")});
    m_task->start([c, result](TaskControl& control) {
        std::vector<std::string> paths;
        for (const QString& f : c.files)
            paths.push_back(f.toStdString());
        workflows::PoolImportOptions options = poolOptionsFor(c);
        options.progress = [&control](std::uint64_t done, std::uint64_t total, const std::string&) {
            control.setProgress(static_cast<std::int64_t>(done), static_cast<std::int64_t>(total));
            return !control.cancelled();
        };
        *result = workflows::checkPool(paths, options);
    });
}

void ImportWizard::startPoolImport(const ImportChoices& c)
{
    auto report = std::make_shared<workflows::PoolImportReport>();
    auto finish = [this](const QString& text, bool success) {
        m_importDone = true;
        m_importSucceeded = success;
        m_cancelImport->setEnabled(false);
        m_importLabel->setText(text);
        static_cast<ImportRunPage*>(page(ImportPageId))->changed();
    };
    connect(m_task, &BackgroundTask::succeeded, this, [this, report, finish, kind = c.pool] {
        m_poolReport = *report;
        m_importProgress->setValue(1000);
        QStringList lines;
        lines << tr("Documents read: %1, records read: %2").arg(m_poolReport.documents).arg(m_poolReport.records);
        lines << (kind == db::PoolKind::Jobs ? tr("Jobs added: %1 (already in the project: %2)")
                                             : tr("Candidates added: %1 (already in the project: %2)"))
                     .arg(m_poolReport.counts.added)
                     .arg(m_poolReport.counts.duplicates);
        for (const auto& s : m_poolReport.skipped)
            lines << tr("skipped: %1").arg(QString::fromStdString(s));
        for (const auto& w : m_poolReport.warnings)
            lines << tr("warning: %1").arg(QString::fromStdString(w));
        m_importReport->setPlainText(lines.join('\n'));
        m_document->notifyDataChanged();
        finish(tr("Done."), true);
    });
    connect(m_task, &BackgroundTask::cancelled, this, [finish] { finish(tr("Cancelled: nothing was written."), false); });
    connect(m_task, &BackgroundTask::failed, this, [this, finish](const QString& message) {
        m_importReport->setPlainText(message);
        finish(tr("The import failed; nothing was written."), false);
        showError(this, tr("The import failed; nothing was written."), message);
    });
    const QString projectPath = m_document->path();
    m_task->start([projectPath, c, report](TaskControl& control) {
        auto store = db::ProjectStore::open(projectPath.toStdString());
        std::vector<std::string> paths;
        for (const QString& f : c.files)
            paths.push_back(f.toStdString());
        workflows::PoolImportOptions options = poolOptionsFor(c);
        options.progress = [&control](std::uint64_t done, std::uint64_t total, const std::string&) {
            control.setProgress(static_cast<std::int64_t>(done), static_cast<std::int64_t>(total));
            return !control.cancelled();
        };
        *report = workflows::importPool(*store, paths, options);
    });
}

void ImportWizard::startCheck()
{
    m_checkDone = false;
    m_checks.clear();
    m_previewFile->clear();
    m_preview->setRowCount(0);
    m_problems->clear();
    m_checkSummary->setText(tr("Checking…"));
    m_checkProgress->setRange(0, 1000);
    m_checkProgress->setValue(0);
    m_checkProgress->show();
    const ImportChoices c = choices();
    auto results = std::make_shared<std::vector<FileCheck>>();
    disconnect(m_task, nullptr, this, nullptr);
    connect(m_task, &BackgroundTask::progress, this, [this](qint64 done, qint64 total) {
        if (total > 0)
            m_checkProgress->setValue(static_cast<int>(1000 * done / total));
    });
    m_poolCheck = {};
    m_preview->setHorizontalHeaderLabels({tr("Line"), tr("Job"), tr("Candidate A"), tr("Candidate B"), tr("Outcome")});
    if (c.pool) {
        startPoolCheck(c);
        return;
    }
    connect(m_task, &BackgroundTask::succeeded, this, [this, results] {
        m_checks = std::move(*results);
        m_checkDone = true;
        m_checkProgress->hide();
        std::size_t records = 0, invalid = 0;
        bool fileErrors = false;
        for (const auto& f : m_checks) {
            records += f.records;
            invalid += f.invalid;
            fileErrors = fileErrors || !f.fileError.empty();
            const QString format = f.format ? QString::fromUtf8(formatName(*f.format).data()) : tr("unknown format");
            m_previewFile->addItem(QStringLiteral("%1 (%2)").arg(QFileInfo(QString::fromStdString(f.path)).fileName(), format));
        }
        const QLocale locale;
        QString summary = tr("%1 valid record(s), %2 invalid, in %n file(s).", nullptr, static_cast<int>(m_checks.size()))
                              .arg(locale.toString(static_cast<qulonglong>(records)), locale.toString(static_cast<qulonglong>(invalid)));
        if (fileErrors)
            summary += tr(" Some files cannot be imported (see the report).");
        else if (invalid > 0 && !m_skipInvalid->isChecked())
            summary += tr(" Go back and tick “Skip invalid records” to import the valid ones, or fix the files.");
        m_checkSummary->setText(summary);
        m_problems->setPlainText(problemReport(m_checks));
        showPreview(0);
        static_cast<ImportCheckPage*>(page(CheckPageId))->changed();
    });
    connect(m_task, &BackgroundTask::failed, this, [this](const QString& message) {
        m_checkSummary->setText(tr("The check failed: %1").arg(message));
        m_checkProgress->hide();
    });
    connect(m_task, &BackgroundTask::cancelled, this, [this] { m_checkProgress->hide(); });
    m_task->start([c, results](TaskControl& control) {
        std::uint64_t total = 0;
        std::vector<std::string> paths;
        for (const QString& f : c.files)
            paths.push_back(f.toStdString());
        for (const auto& p : paths)
            total += static_cast<std::uint64_t>(QFileInfo(QString::fromStdString(p)).size());
        std::uint64_t base = 0;
        bool needsCorpus = false;
        auto checkOne = [&](const std::string& path, bool corpus) {
            ImportCheckOptions options;
            options.format = c.format;
            options.corpus = corpus;
            options.progress = [&](std::uint64_t done, std::uint64_t) {
                control.setProgress(static_cast<std::int64_t>(base + done), static_cast<std::int64_t>(total));
                return !control.cancelled();
            };
            FileCheck check = checkImportFile(path, options);
            base += static_cast<std::uint64_t>(QFileInfo(QString::fromStdString(path)).size());
            return check;
        };
        for (const auto& p : paths) {
            results->push_back(checkOne(p, false));
            if (control.cancelled())
                return;
            needsCorpus = needsCorpus || results->back().format == DataFormat::RankPOEval;
        }
        if (needsCorpus) {
            if (c.corpus.isEmpty()) {
                FileCheck missing;
                missing.path = QObject::tr("corpus").toStdString();
                missing.fileError = QObject::tr("rankpo-eval queries index a corpus: choose its file on the first page").toStdString();
                results->push_back(std::move(missing));
            } else {
                total += static_cast<std::uint64_t>(QFileInfo(c.corpus).size());
                results->push_back(checkOne(c.corpus.toStdString(), true));
            }
        }
    });
}

void ImportWizard::showPreview(int fileIndex)
{
    m_preview->setRowCount(0);
    if (fileIndex < 0 || fileIndex >= static_cast<int>(m_checks.size()))
        return;
    const auto& rows = m_checks[static_cast<std::size_t>(fileIndex)].preview;
    m_preview->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        const auto& p = rows[static_cast<std::size_t>(r)];
        const QString cells[] = {QString::number(p.line), p.job, p.first, p.second, p.outcome};
        for (int c = 0; c < 5; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setToolTip(cells[c]);
            m_preview->setItem(r, c, item);
        }
    }
    m_preview->resizeColumnToContents(0);
    for (int c = 1; c <= 3; ++c)
        m_preview->setColumnWidth(c, 220);
}

void ImportWizard::startImport()
{
    m_importStarted = true;
    m_importDone = false;
    m_importSucceeded = false;
    m_importLabel->setText(tr("Importing… Cancelling rolls everything back."));
    m_importProgress->setValue(0);
    m_cancelImport->setEnabled(true);
    const ImportChoices c = choices();
    const QString projectPath = m_document->path();
    auto report = std::make_shared<db::ImportReport>();
    disconnect(m_task, nullptr, this, nullptr);
    connect(m_task, &BackgroundTask::progress, this, [this](qint64 done, qint64 total) {
        if (total > 0)
            m_importProgress->setValue(static_cast<int>(1000 * done / total));
    });
    if (c.pool) {
        startPoolImport(c);
        return;
    }
    auto finish = [this](const QString& text, bool success) {
        m_importDone = true;
        m_importSucceeded = success;
        m_cancelImport->setEnabled(false);
        m_importLabel->setText(text);
        static_cast<ImportRunPage*>(page(ImportPageId))->changed();
    };
    connect(m_task, &BackgroundTask::succeeded, this, [this, report, finish] {
        m_report = *report;
        m_importProgress->setValue(1000);
        const auto& n = m_report.counts;
        QStringList lines;
        lines << tr("Records imported: %1 (skipped: %2)").arg(m_report.records).arg(m_report.skippedCount);
        lines << tr("Jobs added: %1, candidates added: %2, pairs added: %3").arg(n.jobsAdded).arg(n.candidatesAdded).arg(n.pairsAdded);
        lines << tr("Judgements added: %1 (already there: %2)").arg(n.preferencesAdded).arg(n.preferencesDuplicate);
        lines << tr("Labels added: %1, changed: %2, unchanged: %3").arg(n.labelsAdded).arg(n.labelsChanged).arg(n.labelsUnchanged);
        for (const auto& s : m_report.skipped)
            lines << QStringLiteral("%1:%2: %3").arg(QString::fromStdString(s.file)).arg(s.line).arg(QString::fromStdString(s.reason));
        m_importReport->setPlainText(lines.join('\n'));
        m_document->notifyDataChanged();
        finish(tr("Done."), true);
    });
    connect(m_task, &BackgroundTask::cancelled, this, [finish] { finish(tr("Cancelled: nothing was written."), false); });
    connect(m_task, &BackgroundTask::failed, this, [this, finish](const QString& message) {
        m_importReport->setPlainText(message);
        finish(tr("The import failed; nothing was written."), false);
        showError(this, tr("The import failed; nothing was written."), message);
    });
    m_task->start([projectPath, c, report](TaskControl& control) { *report = importIntoProject(projectPath, c, control); });
}

void ImportWizard::waitForWork()
{
    m_task->waitForFinished();
}

void ImportWizard::reject()
{
    // Cancel means: nothing is written. A running import rolls back before the wizard goes.
    m_task->cancel();
    m_task->waitForFinished();
    QWizard::reject();
}

} // namespace rankpo::ui
