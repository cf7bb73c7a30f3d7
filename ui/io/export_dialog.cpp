#include "ui/io/export_dialog.h"

#include "db/project_store.h"
#include "ui/common/background_task.h"
#include "ui/common/error_dialog.h"
#include "ui/common/project_location.h"
#include "ui/document/project_document.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include <memory>

namespace rankpo::ui {
namespace {

// A file project's exports go beside it; a server project's into the home folder, named after the project.
QString exportBesides(const QString& location)
{
    if (!isServerLocation(location))
        return location;
    return QDir::home().filePath(projectTitle(location) + QStringLiteral(".rankpo"));
}

} // namespace

ExportDialog::ExportDialog(ProjectDocument* document, QWidget* parent)
    : QDialog(parent), m_document(document), m_annotatorLoader(new BackgroundTask(this))
{
    setWindowTitle(tr("Export"));
    setObjectName("exportDialog");

    m_format = new QComboBox(this);
    for (DataFormat f : exportFormats())
        m_format->addItem(QString::fromUtf8(formatName(f).data(), static_cast<int>(formatName(f).size())), static_cast<int>(f));
    m_source = new QComboBox(this);
    m_source->addItem(tr("AI and people"));
    m_source->addItem(tr("AI judges only"), static_cast<int>(PreferenceSource::Ai));
    m_source->addItem(tr("People only"), static_cast<int>(PreferenceSource::Human));
    m_annotator = new QComboBox(this);
    m_annotator->setEditable(true);
    m_annotator->addItem(QString());
    m_annotator->lineEdit()->setPlaceholderText(tr("Every annotator"));
    m_split = new QComboBox(this);
    m_split->addItem(tr("All jobs"));
    m_split->addItem(tr("Training split"), static_cast<int>(Split::Train));
    m_split->addItem(tr("Test split"), static_cast<int>(Split::Test));
    m_split->addItem(tr("Not in a split"), static_cast<int>(Split::Unassigned));
    m_policy = new QComboBox(this);
    m_policy->addItem(tr("One row per judgement"), static_cast<int>(db::MultiPreferencePolicy::All));
    m_policy->addItem(tr("Majority per pair"), static_cast<int>(db::MultiPreferencePolicy::Majority));
    m_policy->addItem(tr("Latest per pair"), static_cast<int>(db::MultiPreferencePolicy::Latest));
    m_adjudication = new QComboBox(this);
    m_adjudication->setObjectName("adjudication");
    m_adjudication->addItem(tr("Prefer them over the judgements"), static_cast<int>(db::AdjudicationPolicy::Prefer));
    m_adjudication->addItem(tr("Only decided pairs"), static_cast<int>(db::AdjudicationPolicy::Only));
    m_adjudication->addItem(tr("Ignore them"), static_cast<int>(db::AdjudicationPolicy::Ignore));
    m_adjudication->setToolTip(tr("Decisions made on the Adjudicate page (rankpo adjudicate)"));

    auto* tieBox = new QGroupBox(tr("Ties"), this);
    m_dropTies = new QRadioButton(tr("Drop them"), tieBox);
    m_halfTies = new QRadioButton(tr("Keep as two half-weight rows"), tieBox);
    m_dropTies->setChecked(true);
    auto* tieLayout = new QHBoxLayout(tieBox);
    tieLayout->addWidget(m_dropTies);
    tieLayout->addWidget(m_halfTies);
    tieLayout->addStretch(1);
    auto* group = new QButtonGroup(this);
    group->addButton(m_dropTies);
    group->addButton(m_halfTies);

    m_weight = new QCheckBox(tr("Confidence as a per-row weight column"), this);
    m_rationale = new QCheckBox(tr("Rationale as a side column"), this);
    m_rationale->setChecked(true);
    m_minimal = new QCheckBox(tr("Minimal: only the fields the trainer reads"), this);

    m_output = new QLineEdit(this);
    m_output->setObjectName("exportOutput");
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export to"), m_output->text());
        if (!f.isEmpty()) {
            m_output->setText(f);
            m_outputEdited = true;
        }
    });
    connect(m_output, &QLineEdit::textEdited, this, [this] { m_outputEdited = true; });
    auto* outputRow = new QHBoxLayout;
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(browse);

    m_description = new QLabel(this);
    m_description->setObjectName("exportDescription");
    m_description->setWordWrap(true);
    m_description->setMinimumHeight(m_description->fontMetrics().height() * 4);

    auto* form = new QFormLayout;
    form->addRow(tr("Format"), m_format);
    form->addRow(tr("Judgements from"), m_source);
    form->addRow(tr("Annotator"), m_annotator);
    form->addRow(tr("Jobs"), m_split);
    form->addRow(tr("Several judgements of a pair"), m_policy);
    form->addRow(tr("Reviewers' decisions"), m_adjudication);
    form->addRow(tieBox);
    form->addRow(m_weight);
    form->addRow(m_rationale);
    form->addRow(m_minimal);
    form->addRow(tr("File"), outputRow);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_description);
    layout->addWidget(buttons);

    for (QComboBox* box : {m_format, m_source, m_split, m_policy, m_adjudication})
        connect(box, qOverload<int>(&QComboBox::currentIndexChanged), this, &ExportDialog::updateEnabled);
    connect(m_annotator, &QComboBox::currentTextChanged, this, &ExportDialog::updateEnabled);
    for (QAbstractButton* b : std::initializer_list<QAbstractButton*>{m_dropTies, m_halfTies, m_weight, m_rationale, m_minimal})
        connect(b, &QAbstractButton::toggled, this, &ExportDialog::updateEnabled);
    updateEnabled();
    loadAnnotators();
    resize(620, sizeHint().height());
}

ExportDialog::~ExportDialog() = default;

void ExportDialog::loadAnnotators()
{
    if (!m_document)
        return;
    // A pass over every judgement: off the GUI thread.
    const std::string path = m_document->path().toStdString();
    auto names = std::make_shared<QStringList>();
    connect(m_annotatorLoader, &BackgroundTask::succeeded, this, [this, names] {
        const QString current = m_annotator->currentText();
        m_annotator->clear();
        m_annotator->addItem(QString());
        m_annotator->addItems(*names);
        m_annotator->setCurrentText(current);
    });
    m_annotatorLoader->start([path, names](TaskControl&) {
        auto store = db::ProjectStore::open(path, db::ProjectStore::OpenMode::ReadOnly, false);
        for (const std::string& name : store->annotators())
            *names << QString::fromStdString(name);
    });
}

ExportChoices ExportDialog::choices() const
{
    ExportChoices c;
    c.format = static_cast<DataFormat>(m_format->currentData().toInt());
    if (m_source->currentData().isValid())
        c.source = static_cast<PreferenceSource>(m_source->currentData().toInt());
    c.annotator = m_annotator->currentText().trimmed();
    if (m_split->currentData().isValid())
        c.split = static_cast<Split>(m_split->currentData().toInt());
    c.policy = static_cast<db::MultiPreferencePolicy>(m_policy->currentData().toInt());
    c.adjudication = static_cast<db::AdjudicationPolicy>(m_adjudication->currentData().toInt());
    c.ties = m_halfTies->isChecked() ? db::TiePolicy::Half : db::TiePolicy::Drop;
    c.weightColumn = m_weight->isChecked();
    c.rationaleColumn = m_rationale->isChecked();
    c.minimal = m_minimal->isChecked();
    return c;
}

void ExportDialog::setChoices(const ExportChoices& c)
{
    m_format->setCurrentIndex(m_format->findData(static_cast<int>(c.format)));
    m_source->setCurrentIndex(c.source ? m_source->findData(static_cast<int>(*c.source)) : 0);
    m_annotator->setCurrentText(c.annotator);
    m_split->setCurrentIndex(c.split ? m_split->findData(static_cast<int>(*c.split)) : 0);
    m_policy->setCurrentIndex(m_policy->findData(static_cast<int>(c.policy)));
    m_adjudication->setCurrentIndex(m_adjudication->findData(static_cast<int>(c.adjudication)));
    (c.ties == db::TiePolicy::Half ? m_halfTies : m_dropTies)->setChecked(true);
    m_weight->setChecked(c.weightColumn);
    m_rationale->setChecked(c.rationaleColumn);
    m_minimal->setChecked(c.minimal);
    updateEnabled();
}

QString ExportDialog::outputPath() const
{
    return m_output->text().trimmed();
}

void ExportDialog::setOutputPath(const QString& path)
{
    m_output->setText(path);
    m_outputEdited = true;
}

QString ExportDialog::description() const
{
    return m_description->text();
}

void ExportDialog::updateEnabled()
{
    const ExportChoices c = choices();
    const ExportApplicability a = exportApplicability(c.format);
    m_source->setEnabled(a.preferenceFilters);
    m_annotator->setEnabled(a.preferenceFilters);
    m_policy->setEnabled(a.policy);
    m_adjudication->setEnabled(a.policy);
    m_dropTies->setEnabled(a.ties);
    m_halfTies->setEnabled(a.ties);
    m_weight->setEnabled(a.weightColumn);
    m_rationale->setEnabled(a.rationaleColumn);
    m_minimal->setEnabled(a.minimal);
    if (!m_outputEdited && m_document)
        m_output->setText(defaultExportFileName(exportBesides(m_document->location()), c.format));
    m_description->setText(describeExport(c));
}

bool ExportDialog::runExport()
{
    const QString out = outputPath();
    if (out.isEmpty() || !m_document) {
        showError(this, tr("Choose the file to export to."), QString());
        return false;
    }
    const ExportChoices c = choices();
    const QString project = m_document->path();
    auto report = std::make_shared<db::ExportReport>();
    const TaskResult result = runWithProgressDialog(this, tr("Export"), tr("Exporting to %1…").arg(out),
                                                    [project, out, c, report](TaskControl& control) {
                                                        *report = exportIntoFile(project, out, c, control);
                                                    });
    if (result.outcome == TaskOutcome::Failed) {
        showError(this, tr("The export failed; no file was written."), result.message);
        return false;
    }
    if (result.outcome == TaskOutcome::Cancelled)
        return false;
    m_report = *report;
    return true;
}

void ExportDialog::accept()
{
    if (!runExport())
        return;
    QString text = tr("Wrote %n row(s) to %1.", nullptr, static_cast<int>(m_report.rows)).arg(outputPath());
    if (m_report.tiesDropped)
        text += tr(" Ties left out: %1.").arg(m_report.tiesDropped);
    if (m_report.tiesSplit)
        text += tr(" Ties written as half-weight rows: %1.").arg(m_report.tiesSplit);
    if (m_report.pairsMerged)
        text += tr(" Judgements folded into another row: %1.").arg(m_report.pairsMerged);
    QMessageBox::information(this, tr("Export"), text);
    QDialog::accept();
}

} // namespace rankpo::ui
