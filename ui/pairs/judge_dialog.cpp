#include "ui/pairs/judge_dialog.h"

#include "core/judge/api_key.h"
#include "core/judge/endpoint_address.h"
#include "core/judge/judge_prompt_template.h"
#include "core/util/error.h"
#include "db/project_store.h"
#include "ui/common/background_task.h"
#include "ui/common/error_dialog.h"
#include "ui/document/project_document.h"
#include "workflows/judge_pairs.h"

#include <nlohmann/json.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <atomic>

#include <memory>

namespace rankpo::ui {

JudgeSettings JudgeSettings::load(QSettings& s)
{
    JudgeSettings d;
    s.beginGroup(QStringLiteral("judge"));
    d.endpoint = s.value(QStringLiteral("endpoint"), d.endpoint).toString();
    d.model = s.value(QStringLiteral("model"), d.model).toString();
    d.keyVariable = s.value(QStringLiteral("keyVariable"), d.keyVariable).toString();
    d.keyFile = s.value(QStringLiteral("keyFile"), d.keyFile).toString();
    d.prompt = s.value(QStringLiteral("prompt"), d.prompt).toString();
    d.bothOrders = s.value(QStringLiteral("bothOrders"), d.bothOrders).toBool();
    d.split = s.value(QStringLiteral("split"), d.split).toString();
    d.limit = s.value(QStringLiteral("limit"), d.limit).toInt();
    d.concurrency = s.value(QStringLiteral("concurrency"), d.concurrency).toInt();
    d.maskOverride = s.value(QStringLiteral("maskOverride"), d.maskOverride).toBool();
    d.mask = s.value(QStringLiteral("mask"), d.mask).toBool();
    s.endGroup();
    return d;
}

void JudgeSettings::save(QSettings& s) const
{
    s.beginGroup(QStringLiteral("judge"));
    s.setValue(QStringLiteral("endpoint"), endpoint);
    s.setValue(QStringLiteral("model"), model);
    s.setValue(QStringLiteral("keyVariable"), keyVariable);
    s.setValue(QStringLiteral("keyFile"), keyFile);
    s.setValue(QStringLiteral("prompt"), prompt);
    s.setValue(QStringLiteral("bothOrders"), bothOrders);
    s.setValue(QStringLiteral("split"), split);
    s.setValue(QStringLiteral("limit"), limit);
    s.setValue(QStringLiteral("concurrency"), concurrency);
    s.setValue(QStringLiteral("maskOverride"), maskOverride);
    s.setValue(QStringLiteral("mask"), mask);
    s.endGroup();
}

JudgeDialog::JudgeDialog(const JudgeSettings& settings, QWidget* parent, Preview preview)
    : QDialog(parent), m_preview(std::move(preview))
{
    setWindowTitle(tr("Judge with AI"));
    m_endpoint = new QLineEdit(settings.endpoint, this);
    m_endpoint->setObjectName(QStringLiteral("endpoint"));
    m_endpoint->setToolTip(tr("An OpenAI-compatible API's base URL: llama.cpp's server, vLLM, Ollama, LM Studio, a "
                              "hosted service"));
    m_model = new QLineEdit(settings.model, this);
    m_model->setObjectName(QStringLiteral("model"));
    m_model->setPlaceholderText(tr("the model's name as the endpoint knows it"));
    m_keyVariable = new QLineEdit(settings.keyVariable, this);
    m_keyVariable->setToolTip(tr("The environment variable that holds the API key (unset: no key is sent)"));
    m_keyFile = new QLineEdit(settings.keyFile, this);
    m_keyFile->setPlaceholderText(tr("or a file holding the key"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("API key file"));
        if (!file.isEmpty())
            m_keyFile->setText(file);
    });
    auto* keyFileRow = new QHBoxLayout;
    keyFileRow->addWidget(m_keyFile, 1);
    keyFileRow->addWidget(browse);
    m_prompt = new QPlainTextEdit(this);
    m_prompt->setObjectName(QStringLiteral("prompt"));
    m_prompt->setPlainText(settings.prompt.isEmpty()
                               ? QString::fromStdString(JudgePromptTemplate::defaultTemplate().canonicalText())
                               : settings.prompt);
    m_prompt->setToolTip(tr("[system] and [user] sections with {job}, {candidate_a} and {candidate_b}. An edited "
                            "prompt is another rater: its answers are stored as model#hash"));
    m_bothOrders = new QCheckBox(tr("Ask both orders (A/B and B/A) and mark the pairs where they disagree"), this);
    m_bothOrders->setChecked(settings.bothOrders);
    m_split = new QComboBox(this);
    m_split->addItems({QStringLiteral("all"), QStringLiteral("train"), QStringLiteral("test")});
    m_split->setCurrentText(settings.split);
    m_limit = new QSpinBox(this);
    m_limit->setRange(0, 10'000'000);
    m_limit->setSpecialValueText(tr("every pending pair"));
    m_limit->setValue(settings.limit);
    m_concurrency = new QSpinBox(this);
    m_concurrency->setRange(1, 256);
    m_concurrency->setValue(settings.concurrency);
    m_mask = new QCheckBox(tr("Mask personal details (e-mail addresses, phone numbers, links, contact names)"), this);
    m_mask->setObjectName(QStringLiteral("mask"));
    m_mask->setChecked(settings.mask);
    m_maskTouched = settings.maskOverride;
    connect(m_mask, &QCheckBox::clicked, this, [this] {
        m_maskTouched = true;
        updateMasking();
    });
    m_where = new QLabel(this);
    m_where->setObjectName(QStringLiteral("where"));
    m_where->setWordWrap(true);
    connect(m_endpoint, &QLineEdit::textChanged, this, &JudgeDialog::updateMasking);

    auto* form = new QFormLayout;
    form->addRow(tr("Endpoint"), m_endpoint);
    form->addRow(tr("Model"), m_model);
    form->addRow(tr("Key variable"), m_keyVariable);
    form->addRow(tr("Key file"), keyFileRow);
    form->addRow(tr("Pairs of"), m_split);
    form->addRow(tr("Limit"), m_limit);
    form->addRow(tr("Requests at once"), m_concurrency);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Judge"));
    if (m_preview) {
        auto* previewButton = buttons->addButton(tr("Preview…"), QDialogButtonBox::ActionRole);
        previewButton->setObjectName(QStringLiteral("preview"));
        previewButton->setToolTip(tr("How many requests are pending, and the first one as it would be sent"));
        connect(previewButton, &QPushButton::clicked, this, [this] {
            QDialog view(this);
            view.setWindowTitle(tr("Judge with AI: preview"));
            auto* text = new QPlainTextEdit(previewText(), &view);
            text->setReadOnly(true);
            auto* close = new QDialogButtonBox(QDialogButtonBox::Close, &view);
            connect(close, &QDialogButtonBox::rejected, &view, &QDialog::reject);
            auto* layout = new QVBoxLayout(&view);
            layout->addWidget(text, 1);
            layout->addWidget(close);
            view.resize(760, 600);
            view.exec();
        });
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Prompt"), this));
    layout->addWidget(m_prompt, 1);
    layout->addWidget(m_bothOrders);
    layout->addWidget(m_mask);
    layout->addWidget(m_where);
    layout->addWidget(buttons);
    resize(720, 640);
    updateMasking();
}

void JudgeDialog::updateMasking()
{
    bool loopback = false;
    bool valid = true;
    QString warning;
    try {
        const auto address = EndpointAddress::parse(m_endpoint->text().trimmed().toStdString());
        loopback = address.isLoopback();
        for (const auto& w : endpointWarnings(address))
            warning += QStringLiteral(" ") + QString::fromStdString(w) + QStringLiteral(".");
    } catch (const Error&) {
        valid = false;
    }
    if (!m_maskTouched)
        m_mask->setChecked(!loopback);
    if (!valid) {
        m_where->setText(tr("Not an http:// or https:// URL."));
        return;
    }
    m_where->setText((loopback ? tr("The endpoint is on this machine (loopback).") : tr("The texts leave this machine."))
                     + QStringLiteral(" ")
                     + (m_mask->isChecked() ? tr("Personal details are masked before sending.")
                                            : tr("The texts are sent as they are, personal details included."))
                     + warning);
}

QString JudgeDialog::previewText() const
{
    if (!m_preview)
        return {};
    try {
        return m_preview(settings());
    } catch (const std::exception& e) {
        return tr("Cannot judge with these settings: %1").arg(QString::fromUtf8(e.what()));
    }
}

QString judgePreview(db::ProjectStore& store, const workflows::JudgeWorkflowOptions& options)
{
    const workflows::JudgePlan plan = workflows::planJudging(store, options);
    QString text = QObject::tr("%1 requests for %2 pairs, as %3 at %4; personal details %5.\n")
                       .arg(plan.pending.size())
                       .arg(plan.pairs)
                       .arg(QString::fromStdString(plan.annotator), QString::fromStdString(plan.endpointHost),
                            plan.masked ? QObject::tr("masked") : QObject::tr("sent as they are"));
    for (const auto& w : plan.warnings)
        text += QObject::tr("Warning: %1.\n").arg(QString::fromStdString(w));
    if (plan.firstRequestBody.empty())
        return text + QObject::tr("\nNothing is pending for this judge.");
    text += QStringLiteral("\nPOST %1\n").arg(QString::fromStdString(plan.firstRequestUrl));
    // The messages as the model reads them, then the request's other fields.
    const auto body = nlohmann::json::parse(plan.firstRequestBody);
    for (const auto& m : body.at("messages"))
        text += QStringLiteral("\n[%1]\n%2\n").arg(QString::fromStdString(m.at("role").get<std::string>()),
                                                   QString::fromStdString(m.at("content").get<std::string>()));
    auto rest = body;
    rest.erase("messages");
    return text + QStringLiteral("\n%1\n").arg(QString::fromStdString(rest.dump()));
}

JudgeSettings JudgeDialog::settings() const
{
    JudgeSettings s;
    s.endpoint = m_endpoint->text().trimmed();
    s.model = m_model->text().trimmed();
    s.keyVariable = m_keyVariable->text().trimmed();
    s.keyFile = m_keyFile->text().trimmed();
    const QString prompt = m_prompt->toPlainText();
    const bool isDefault =
        prompt.trimmed() == QString::fromStdString(JudgePromptTemplate::defaultTemplate().canonicalText()).trimmed();
    s.prompt = isDefault ? QString() : prompt;
    s.bothOrders = m_bothOrders->isChecked();
    s.split = m_split->currentText();
    s.limit = m_limit->value();
    s.concurrency = m_concurrency->value();
    s.maskOverride = m_maskTouched;
    s.mask = m_mask->isChecked();
    return s;
}

workflows::JudgeWorkflowOptions judgeOptions(const JudgeSettings& s)
{
    workflows::JudgeWorkflowOptions options;
    options.endpoint = s.endpoint.toStdString();
    options.model = s.model.toStdString();
    if (options.model.empty())
        throw usageError("the judge needs a model name");
    if (!s.prompt.isEmpty())
        options.prompt = JudgePromptTemplate::parse(s.prompt.toStdString(), "the prompt");
    options.bothOrders = s.bothOrders;
    if (s.split != QStringLiteral("all"))
        options.split = db::splitFromString(s.split.toStdString());
    if (s.limit > 0)
        options.limit = s.limit;
    options.concurrency = s.concurrency;
    if (s.maskOverride)
        options.maskPersonalDetails = s.mask;
    ApiKeySource key;
    key.environmentVariable = s.keyVariable.toStdString();
    key.keyFile = s.keyFile.toStdString();
    options.apiKey = loadApiKey(key);
    return options;
}

std::optional<workflows::JudgeSummary> runJudge(QWidget* parent, ProjectDocument* document,
                                                const workflows::JudgeWorkflowOptions& options, QString* error)
{
    auto summary = std::make_shared<workflows::JudgeSummary>();
    auto stored = std::make_shared<std::atomic<std::int64_t>>(0);
    const std::string path = document->path().toStdString();
    // New answers reach AI review while the run goes on, without a signal per answer.
    QTimer refresh;
    refresh.setInterval(1500);
    std::int64_t shown = 0;
    QObject::connect(&refresh, &QTimer::timeout, document, [&] {
        if (const std::int64_t n = stored->load(); n != shown) {
            shown = n;
            document->notifyDataChanged();
        }
    });
    refresh.start();
    const TaskResult result = runWithProgressDialog(
        parent, QObject::tr("Judge with AI"), QObject::tr("Judging with %1…").arg(QString::fromStdString(options.model)),
        [path, options, summary, stored](TaskControl& control) {
            auto store = db::ProjectStore::open(path, db::ProjectStore::OpenMode::OpenExisting, false);
            *summary = workflows::judgePairs(*store, options, control.cancelFlag(),
                                             [&control, stored](const workflows::JudgeProgress& p) {
                                                 stored->store(p.finished);
                                                 control.setProgress(p.finished, p.total);
                                                 control.setStatus(QObject::tr("%1 judged, %2 failed, %3 retried")
                                                                       .arg(p.judged)
                                                                       .arg(p.failed)
                                                                       .arg(p.retried));
                                             });
        });
    refresh.stop();
    document->notifyDataChanged(); // what finished is stored, however the run ended
    if (result.outcome == TaskOutcome::Failed) {
        if (error)
            *error = result.message;
        return std::nullopt;
    }
    return *summary;
}

long long judgeWithAi(QWidget* parent, ProjectDocument* document)
{
    if (!document)
        return 0;
    QSettings qsettings;
    JudgeDialog dialog(JudgeSettings::load(qsettings), parent, [document](const JudgeSettings& s) {
        return judgePreview(document->store(), judgeOptions(s));
    });
    if (dialog.exec() != QDialog::Accepted)
        return 0;
    const JudgeSettings s = dialog.settings();
    s.save(qsettings);

    workflows::JudgeWorkflowOptions options;
    try {
        options = judgeOptions(s);
        workflows::planJudging(document->store(), options); // bad options fail here, before the worker
    } catch (...) {
        showError(parent, QObject::tr("Cannot judge with these settings."), currentExceptionMessage());
        return 0;
    }
    QString error;
    const auto summary = runJudge(parent, document, options, &error);
    if (!summary) {
        showError(parent, QObject::tr("The judge run failed; the answers that arrived are stored."), error);
        return 0;
    }
    QString failures;
    for (const auto& [kind, n] : summary->failedByKind)
        failures += QStringLiteral("\n  %1: %2").arg(QString::fromStdString(kind)).arg(n);
    QMessageBox::information(
        parent, QObject::tr("Judge with AI"),
        QObject::tr("%1 answers stored as %2 (%3 pairs judged both ways differently), %4 failed%5\n%6 retried, %7 + %8 "
                    "tokens, %9 s.%10")
            .arg(summary->judged)
            .arg(QString::fromStdString(summary->annotator))
            .arg(summary->inconsistent)
            .arg(summary->failed)
            .arg(failures)
            .arg(summary->retried)
            .arg(summary->promptTokens)
            .arg(summary->completionTokens)
            .arg(summary->seconds, 0, 'f', 1)
            .arg(summary->notAsked ? QObject::tr("\n%1 requests not asked: judge again to ask them.").arg(summary->notAsked)
                                   : QString()));
    return summary->judged;
}

} // namespace rankpo::ui
