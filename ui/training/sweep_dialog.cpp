#include "ui/training/sweep_dialog.h"

#include "core/util/error.h"
#include "ui/common/error_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace rankpo::ui {

SweepDialog::SweepDialog(const QList<ModelChoice>& models, const QString& baseModel, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Run a learning-rate sweep"));
    const TrainingConfig defaults = TrainingConfig::defaults(TrainingMethod::RankPO);
    auto* intro = new QLabel(tr("Trains every learning rate with every method from the same base model and "
                                "evaluates each run on the test split: the dashboard plots alignment and nDCG@20 "
                                "against the learning rate. The other settings are the paper's defaults."),
                             this);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    m_base = new QComboBox(this);
    for (const auto& m : models)
        m_base->addItem(m.label, m.name);
    if (const int i = m_base->findData(baseModel); i >= 0)
        m_base->setCurrentIndex(i);
    form->addRow(tr("Base model"), m_base);
    m_rates = new QLineEdit(QStringLiteral("5e-7, 1e-6, 5e-6, 1e-5, 5e-5"), this);
    m_rates->setObjectName("sweepRates");
    m_rates->setToolTip(tr("Learning rates separated by commas (the paper swept 5e-7 to 5e-5)"));
    form->addRow(tr("Learning rates"), m_rates);
    m_rankpo = new QCheckBox(tr("RankPO"), this);
    m_rankpo->setObjectName("sweepRankPO");
    m_rankpo->setToolTip(tr("Against the frozen starting model (the paper's RankPO)"));
    m_rankpo->setChecked(true);
    m_simRankpo = new QCheckBox(tr("SimRankPO"), this);
    m_simRankpo->setObjectName("sweepSimRankPO");
    m_simRankpo->setToolTip(tr("Reference-free RankPO: the paper finds it loses nDCG almost as fast as SFT"));
    m_sft = new QCheckBox(tr("SFT"), this);
    m_sft->setObjectName("sweepSft");
    m_sft->setChecked(true);
    auto* methods = new QHBoxLayout;
    methods->addWidget(m_rankpo);
    methods->addWidget(m_simRankpo);
    methods->addWidget(m_sft);
    methods->addStretch(1);
    form->addRow(tr("Methods"), methods);
    m_source = new QComboBox(this);
    m_source->addItem(tr("AI judgements"), QStringLiteral("ai"));
    m_source->addItem(tr("human judgements"), QStringLiteral("human"));
    m_source->addItem(tr("both"), QStringLiteral("both"));
    form->addRow(tr("Preferences"), m_source);
    m_epochs = new QSpinBox(this);
    m_epochs->setRange(1, 100);
    m_epochs->setValue(defaults.numTrainEpochs);
    form->addRow(tr("Epochs per run"), m_epochs);
    m_maxJob = new QSpinBox(this);
    m_maxJob->setRange(8, 8192);
    m_maxJob->setValue(defaults.maxLengthJob);
    form->addRow(tr("Max job tokens"), m_maxJob);
    m_maxCandidate = new QSpinBox(this);
    m_maxCandidate->setRange(8, 8192);
    m_maxCandidate->setValue(defaults.maxLengthCandidate);
    form->addRow(tr("Max candidate tokens"), m_maxCandidate);
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("automatic (sweep-n)"));
    form->addRow(tr("Sweep name"), m_name);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Run sweep"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        try {
            request();
            accept();
        } catch (...) {
            showError(this, tr("Check the sweep's settings."), currentExceptionMessage());
        }
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

void SweepDialog::setLearningRates(const QString& text)
{
    m_rates->setText(text);
}

std::vector<double> SweepDialog::parseLearningRates(const QString& text)
{
    std::vector<double> rates;
    const QStringList parts = text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        bool ok = false;
        const double rate = QLocale::c().toDouble(part, &ok);
        if (!ok || !(rate > 0) || !std::isfinite(rate))
            throw usageError("learning rates: '" + part.toStdString() + "' is not a positive number");
        rates.push_back(rate);
    }
    if (rates.empty())
        throw usageError("learning rates: give at least one (e.g. 1e-6, 1e-5)");
    return rates;
}

workflows::SweepRequest SweepDialog::request() const
{
    workflows::SweepRequest r;
    r.learningRates = parseLearningRates(m_rates->text());
    r.methods.clear();
    if (m_rankpo->isChecked())
        r.methods.push_back({TrainingMethod::RankPO, false});
    if (m_simRankpo->isChecked())
        r.methods.push_back({TrainingMethod::RankPO, true});
    if (m_sft->isChecked())
        r.methods.push_back({TrainingMethod::Sft, false});
    if (r.methods.empty())
        throw usageError("methods: choose at least one of RankPO, SimRankPO, SFT");
    r.model = m_base->currentData().toString().toStdString();
    if (r.model.empty())
        throw usageError("choose a base model");
    r.config = TrainingConfig::defaults(TrainingMethod::RankPO);
    r.config.numTrainEpochs = m_epochs->value();
    r.config.maxLengthJob = m_maxJob->value();
    r.config.maxLengthCandidate = m_maxCandidate->value();
    r.maxLengthJob = static_cast<std::size_t>(r.config.maxLengthJob);
    r.maxLengthCandidate = static_cast<std::size_t>(r.config.maxLengthCandidate);
    r.sweep = m_name->text().trimmed().toStdString();
    const QString source = m_source->currentData().toString();
    if (source == QLatin1String("ai"))
        r.source = PreferenceSource::Ai;
    else if (source == QLatin1String("human"))
        r.source = PreferenceSource::Human;
    r.config.validate();
    return r;
}

} // namespace rankpo::ui
