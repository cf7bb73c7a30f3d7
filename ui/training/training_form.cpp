#include "ui/training/training_form.h"

#include "core/model/memory_estimate.h"
#include "core/model/model_folder.h"
#include "core/training/method_names.h"
#include "core/util/error.h"
#include "ui/common/background_task.h"
#include "workflows/engine.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QShowEvent>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace rankpo::ui {
namespace {

QDoubleSpinBox* doubleBox(QWidget* parent, double min, double max, int decimals, double step)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    return box;
}

QSpinBox* intBox(QWidget* parent, int min, int max)
{
    auto* box = new QSpinBox(parent);
    box->setRange(min, max);
    return box;
}

// The tooltip goes on the field and its label, so hovering either explains it.
void addRow(QFormLayout* form, const QString& label, QWidget* field, const QString& tip)
{
    field->setToolTip(tip);
    form->addRow(label, field);
    if (QWidget* l = form->labelForField(field))
        l->setToolTip(tip);
}

QWidget* rowLabel(QWidget* field)
{
    auto* form = qobject_cast<QFormLayout*>(field->parentWidget() ? field->parentWidget()->layout() : nullptr);
    return form ? form->labelForField(field) : nullptr;
}

void setRowEnabled(QWidget* field, bool enabled)
{
    field->setEnabled(enabled);
    if (QWidget* l = rowLabel(field))
        l->setEnabled(enabled);
}

void setRowShown(QWidget* field, bool shown)
{
    field->setVisible(shown);
    if (QWidget* l = rowLabel(field))
        l->setVisible(shown);
}

// The objective and, for RankPO, the variant of a method of the combo.
TrainingConfig defaultsOf(TrainingForm::Method m)
{
    switch (m) {
    case TrainingForm::Method::Contrastive: return TrainingConfig::defaults(TrainingMethod::Contrastive);
    case TrainingForm::Method::Sft: return TrainingConfig::defaults(TrainingMethod::Sft);
    case TrainingForm::Method::SimRankPO: return defaultsFor(NamedMethod{TrainingMethod::RankPO, true});
    case TrainingForm::Method::RankPO: break;
    }
    return TrainingConfig::defaults(TrainingMethod::RankPO);
}

QString formatRate(double rate)
{
    return QString::number(rate, 'g', 6);
}

} // namespace

TrainingForm::TrainingForm(QWidget* parent) : QWidget(parent)
{
    const TrainingConfig defaults = TrainingConfig::defaults(TrainingMethod::RankPO);

    auto* modelGroup = new QGroupBox(tr("Model and data"), this);
    auto* modelForm = new QFormLayout(modelGroup);
    m_base = new QComboBox(modelGroup);
    m_base->setObjectName("baseModel");
    addRow(modelForm, tr("Base model"), m_base,
           tr("The model training starts from: a pretrained encoder, a stage-1 (contrastive) model, or any earlier run"));
    m_method = new QComboBox(modelGroup);
    m_method->setObjectName("method");
    m_method->addItem(tr("RankPO (preference optimisation against the reference)"), static_cast<int>(Method::RankPO));
    m_method->addItem(tr("SimRankPO (RankPO without a reference)"), static_cast<int>(Method::SimRankPO));
    m_method->addItem(tr("SFT (cross-entropy baseline)"), static_cast<int>(Method::Sft));
    m_method->addItem(tr("Stage 1: contrastive (rule labels)"), static_cast<int>(Method::Contrastive));
    addRow(modelForm, tr("Method"), m_method,
           tr("RankPO aligns the model with pairwise preferences (stage 2), its advantages offset by the frozen "
              "starting model's scores, as in the paper; SimRankPO drops the reference (upstream's reference_free; "
              "the paper finds it loses nDCG almost as fast as SFT); SFT is the paper's baseline on the same pairs; "
              "stage 1 learns the rule labels contrastively (InfoNCE)"));
    m_lossType = new QComboBox(modelGroup);
    m_lossType->addItem(tr("sigmoid (DPO)"), static_cast<int>(PreferenceLossType::Sigmoid));
    m_lossType->addItem(tr("hinge (SLiC)"), static_cast<int>(PreferenceLossType::Hinge));
    addRow(modelForm, tr("RankPO loss"), m_lossType,
           tr("sigmoid: −log σ(β·logits), as DPO; hinge: max(0, 1 − β·logits), as SLiC (label smoothing must be 0)"));
    m_source = new QComboBox(modelGroup);
    m_source->addItem(tr("AI judgements"), QStringLiteral("ai"));
    m_source->addItem(tr("human judgements"), QStringLiteral("human"));
    m_source->addItem(tr("both"), QStringLiteral("both"));
    addRow(modelForm, tr("Preferences"), m_source, tr("Which judgements of the train split stage 2 learns from"));
    m_dropInconsistent = new QCheckBox(tr("leave out pairs judged both ways differently"), modelGroup);
    m_dropInconsistent->setObjectName("dropInconsistent");
    addRow(modelForm, QString(), m_dropInconsistent,
           tr("A judge that answered a pair in both orders with different outcomes is unsure of it: its judgements "
              "of that pair are left out (pairs judged in one order stay), as rankpo train --drop-inconsistent"));
    m_device = new QComboBox(modelGroup);
    m_device->setObjectName("device");
    addRow(modelForm, tr("Device"), m_device, tr("Where the model runs"));
    m_runName = new QLineEdit(modelGroup);
    m_runName->setPlaceholderText(tr("automatic (method-n)"));
    addRow(modelForm, tr("Run name"), m_runName,
           tr("The trained model is known by this name afterwards (as a base model, in the dashboard, in `rankpo --model`)"));

    auto* optGroup = new QGroupBox(tr("Optimisation"), this);
    auto* optForm = new QFormLayout(optGroup);
    m_learningRate = new QLineEdit(optGroup);
    m_learningRate->setObjectName("learningRate");
    auto* validator = new QDoubleValidator(0.0, 1.0, 12, m_learningRate);
    validator->setNotation(QDoubleValidator::ScientificNotation);
    validator->setLocale(QLocale::c());
    m_learningRate->setValidator(validator);
    addRow(optForm, tr("Learning rate"), m_learningRate,
           tr("AdamW's peak learning rate, reached after the warm-up and decayed by a cosine schedule (paper: 1e-5)"));
    m_epochs = intBox(optGroup, 1, 1000);
    m_epochs->setObjectName("epochs");
    addRow(optForm, tr("Epochs"), m_epochs, tr("Passes over the training data; a checkpoint is kept after each (paper: 3)"));
    m_batch = intBox(optGroup, 1, 4096);
    addRow(optForm, tr("Batch size"), m_batch, tr("Pairs (stage 1: jobs) per forward pass (paper: 8)"));
    m_accumulation = intBox(optGroup, 1, 1024);
    addRow(optForm, tr("Accumulation"), m_accumulation,
           tr("Batches whose gradients are summed before each optimizer step: the effective batch is batch size × "
              "accumulation (paper: 4)"));
    m_warmup = doubleBox(optGroup, 0.0, 0.99, 3, 0.05);
    addRow(optForm, tr("Warm-up ratio"), m_warmup,
           tr("Share of the steps over which the learning rate rises linearly from 0 (paper: 0.1)"));
    m_seed = intBox(optGroup, 0, 2147483647);
    addRow(optForm, tr("Seed"), m_seed, tr("Shuffling, dropout and initialisation: the same seed repeats a run (42)"));
    m_dropout = new QCheckBox(tr("keep dropout on"), optGroup);
    addRow(optForm, tr("Dropout"), m_dropout,
           tr("The paper's RankPO run trains with the encoder's dropout on; off makes the training scores deterministic"));
    m_groupByJob = new QCheckBox(tr("batch a job's pairs together"), optGroup);
    m_groupByJob->setObjectName("groupByJob");
    addRow(optForm, tr("Group by job"), m_groupByJob,
           tr("Each job text is then encoded once per batch rather than once per pair: faster when jobs have many "
              "pairs (the jobs come in a seeded order)"));

    m_dtype = new QComboBox(optGroup);
    m_dtype->setObjectName("dtype");
    m_dtype->addItem(tr("automatic (float32 on the CPU, bfloat16 decoders on a GPU)"), QStringLiteral("auto"));
    m_dtype->addItem(QStringLiteral("float32"), QStringLiteral("float32"));
    m_dtype->addItem(QStringLiteral("bfloat16"), QStringLiteral("bfloat16"));
    m_dtype->addItem(QStringLiteral("float16"), QStringLiteral("float16"));
    addRow(optForm, tr("Precision"), m_dtype,
           tr("The weights' dtype. bfloat16 halves the memory of a decoder LLM (the paper trains Llama-3.2-1B so); the "
              "optimizer steps fp32 master copies either way. BERT encoders train in float32"));
    m_checkpointing = new QCheckBox(tr("recompute each layer in backward"), optGroup);
    m_checkpointing->setObjectName("gradientCheckpointing");
    addRow(optForm, tr("Gradient checkpointing"), m_checkpointing,
           tr("Decoders: keep only each layer's input and recompute the layer during backward: far less memory at the "
              "paper's 1,280 / 4,096 tokens, about a third more time"));
    m_memory = new QLabel(optGroup);
    m_memory->setObjectName("memoryEstimate");
    m_memory->setWordWrap(true);
    addRow(optForm, tr("Memory"), m_memory,
           tr("Weights, gradients, AdamW's fp32 moments (and masters) and the activations one micro-batch keeps for "
              "backward: a planning figure (allocator slack and the CUDA context come on top)"));
    auto* preset = new QPushButton(tr("Size for this CPU"), optGroup);
    preset->setObjectName("cpuPreset");
    addRow(optForm, QString(), preset,
           tr("The demo pipeline's budget: 128 tokens per text, batch 8 without accumulation, one epoch at 3e-5. The "
              "paper's defaults (512 tokens, 8 × 4, 3 epochs) take hours on two CPU cores"));
    connect(preset, &QPushButton::clicked, this, &TrainingForm::applyCpuPreset);

    auto* lossGroup = new QGroupBox(tr("Objective"), this);
    auto* lossForm = new QFormLayout(lossGroup);
    m_tau = doubleBox(lossGroup, 0.001, 10.0, 3, 0.01);
    addRow(lossForm, tr("τ (temperature)"), m_tau,
           tr("Cosine scores are divided by τ: RankPO and SFT 0.1, stage 1 0.02 (the paper's values)"));
    m_beta = doubleBox(lossGroup, 0.0, 100.0, 3, 0.1);
    addRow(lossForm, tr("β"), m_beta, tr("Scales the preference logits inside the sigmoid or hinge (paper: 2.0)"));
    m_gamma = doubleBox(lossGroup, -10.0, 10.0, 3, 0.1);
    addRow(lossForm, tr("γ (margin)"), m_gamma,
           tr("A target margin subtracted from the scaled advantage (upstream gamma_beta_ratio; paper: 0)"));
    m_labelSmoothing = doubleBox(lossGroup, 0.0, 0.499, 3, 0.05);
    addRow(lossForm, tr("Label smoothing"), m_labelSmoothing,
           tr("The conservative sigmoid loss: the share of preferences assumed to be wrong, in [0, 0.5) (paper: 0)"));
    m_sftWeight = doubleBox(lossGroup, 0.0, 100.0, 3, 0.1);
    addRow(lossForm, tr("SFT weight"), m_sftWeight,
           tr("Weight of an added cross-entropy term on the same pairs, regularising RankPO (paper: 0)"));
    m_confidenceWeighting = new QCheckBox(tr("weight pairs by the judge's confidence"), lossGroup);
    addRow(lossForm, QString(), m_confidenceWeighting,
           tr("Beyond the paper: each pair's loss is weighted by the stated confidence of its judgement"));
    m_negatives = intBox(lossGroup, 1, 100);
    addRow(lossForm, tr("Negatives per job"), m_negatives,
           tr("Stage 1: rule-labelled negatives per job in a batch, besides the in-batch negatives (5)"));
    m_stage1Sampler = new QComboBox(lossGroup);
    m_stage1Sampler->setObjectName("stage1Sampler");
    m_stage1Sampler->addItem(tr("each job once per epoch, a random positive"),
                             QString::fromLatin1(toString(Stage1SamplerKind::PerJob).data()));
    m_stage1Sampler->addItem(tr("each (job, positive) once per epoch"),
                             QString::fromLatin1(toString(Stage1SamplerKind::PerPositive).data()));
    addRow(lossForm, tr("Stage-1 sampling"), m_stage1Sampler,
           tr("Upstream visits each job once an epoch with one of its positives drawn at random, so a job is never "
              "twice in a batch (its own positives would be its in-batch negatives); per positive visits a job as "
              "often as it has positives"));
    m_hardNegativeRounds = intBox(lossGroup, 0, 10);
    m_hardNegativeRounds->setObjectName("hardNegativeRounds");
    addRow(lossForm, tr("Hard-negative rounds"), m_hardNegativeRounds,
           tr("Stage 1: after training, rank the candidates with the model, add hard negatives to each job, and "
              "train again; this many rounds (the paper's Figure 1; 0: none)"));
    m_hardNegativeMethod = new QComboBox(lossGroup);
    m_hardNegativeMethod->setObjectName("hardNegativeMethod");
    m_hardNegativeMethod->addItem(tr("the top-ranked non-positives"),
                                  QString::fromLatin1(toString(HardNegativeMethod::TopK).data()));
    m_hardNegativeMethod->addItem(tr("drawn from the top-ranked non-positives"),
                                  QString::fromLatin1(toString(HardNegativeMethod::Sample).data()));
    addRow(lossForm, tr("Hard negatives"), m_hardNegativeMethod,
           tr("topk takes the first non-positives of the top 100; sample (upstream's) draws them at random from "
              "the top 100, so fewer are unlabelled positives from the very top"));
    m_maxJob = intBox(lossGroup, 8, 8192);
    m_maxJob->setObjectName("maxLengthJob");
    addRow(lossForm, tr("Max job tokens"), m_maxJob,
           tr("Job descriptions are cut to this many tokens (and to the model's maximum); shorter is faster"));
    m_maxCandidate = intBox(lossGroup, 8, 8192);
    m_maxCandidate->setObjectName("maxLengthCandidate");
    addRow(lossForm, tr("Max candidate tokens"), m_maxCandidate,
           tr("Candidate profiles are cut to this many tokens (and to the model's maximum)"));

    m_preferenceOnly = {m_source, m_dropInconsistent, m_beta, m_gamma, m_labelSmoothing, m_sftWeight, m_confidenceWeighting, m_groupByJob};
    m_rankpoOnly = {m_lossType, m_beta, m_gamma, m_labelSmoothing, m_sftWeight};
    m_contrastiveOnly = {m_negatives, m_stage1Sampler, m_hardNegativeRounds, m_hardNegativeMethod};

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(modelGroup);
    layout->addWidget(optGroup);
    layout->addWidget(lossGroup);
    layout->addStretch(1);

    // Until the engine says which devices it can use: the CPU always works, CUDA is being checked.
    fillDevices({{"auto", tr("Automatic").toStdString(), true, {}},
                 {"cpu", tr("CPU").toStdString(), true, {}},
                 {"cuda", tr("CUDA (checking…)").toStdString(), false, tr("Checking for a GPU…").toStdString()}});
    setConfig(defaults);
    connect(m_method, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        // Each method starts from its own defaults (τ differs between the stages).
        const TrainingConfig c = defaultsOf(method());
        m_tau->setValue(c.method == TrainingMethod::Contrastive ? c.contrastive.loss.tau
                        : c.method == TrainingMethod::Sft      ? c.sft.tau
                                                               : c.rankpo.tau);
        methodChanged();
    });
    for (QComboBox* box : {m_base, m_method, m_lossType, m_source, m_device, m_dtype, m_stage1Sampler, m_hardNegativeMethod})
        connect(box, qOverload<int>(&QComboBox::currentIndexChanged), this, &TrainingForm::changed);
    for (QSpinBox* box : {m_batch, m_maxJob, m_maxCandidate, m_negatives})
        connect(box, qOverload<int>(&QSpinBox::valueChanged), this, &TrainingForm::changed);
    connect(m_checkpointing, &QCheckBox::toggled, this, &TrainingForm::changed);
    connect(this, &TrainingForm::changed, this, &TrainingForm::updateMemoryEstimate);
    updateMemoryEstimate();
}

void TrainingForm::detectDevices()
{
    if (m_devicesAsked)
        return;
    m_devicesAsked = true;
    m_devicesTask = new BackgroundTask(this);
    auto devices = std::make_shared<std::vector<workflows::ComputeDevice>>();
    connect(m_devicesTask, &BackgroundTask::succeeded, this, [this, devices] { fillDevices(*devices); });
    connect(m_devicesTask, &BackgroundTask::failed, this, [this](const QString& message) {
        // Without the engine nothing trains: say why where the device is chosen.
        auto* model = qobject_cast<QStandardItemModel*>(m_device->model());
        for (int i = 0; i < m_device->count(); ++i)
            model->item(i)->setToolTip(message);
        m_device->setItemText(2, tr("CUDA — unavailable"));
    });
    m_devicesTask->start([devices](TaskControl&) { *devices = workflows::engine().computeDevices(); });
}

void TrainingForm::waitForDevices()
{
    detectDevices();
    m_devicesTask->waitForFinished();
}

void TrainingForm::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    detectDevices();
}

void TrainingForm::fillDevices(const std::vector<workflows::ComputeDevice>& devices)
{
    const QString current = m_device->currentData().toString();
    const QSignalBlocker block(m_device);
    m_device->clear();
    auto* model = qobject_cast<QStandardItemModel*>(m_device->model());
    for (const auto& d : devices) {
        QString label = QString::fromStdString(d.label);
        if (!d.available && m_devicesTask)
            label += tr(" — unavailable"); // the engine's answer, not the placeholder
        m_device->addItem(label, QString::fromStdString(d.id));
        QStandardItem* item = model->item(m_device->count() - 1);
        item->setEnabled(d.available);
        item->setToolTip(d.available ? QString() : QString::fromStdString(d.reason));
    }
    const int index = m_device->findData(current);
    m_device->setCurrentIndex(index >= 0 && model->item(index)->isEnabled() ? index : 0);
}

void TrainingForm::applyCpuPreset()
{
    const TrainingConfig wanted = defaultsOf(method());
    TrainingConfig preset = TrainingConfig::cpuPreset(wanted.method);
    preset.rankpo.referenceFree = wanted.rankpo.referenceFree; // SimRankPO stays SimRankPO
    setConfig(preset);
}

QString TrainingForm::memoryEstimate() const
{
    const QString name = baseModel();
    const auto it = std::find_if(m_models.begin(), m_models.end(), [&](const ModelChoice& c) { return c.name == name; });
    if (it == m_models.end() || it->folder.isEmpty())
        return tr("choose a base model");
    try {
        if (!m_folder || m_folder->first != it->folder)
            m_folder.emplace(it->folder, ModelFolder::open(it->folder.toStdString()));
        const ModelFolder& folder = m_folder->second;
        const bool gpu = m_device->currentData().toString() == QLatin1String("cuda");
        TrainingMemoryInput in;
        in.maxLengthJob = std::size_t(std::min<int>(m_maxJob->value(), int(folder.maxSeqLength)));
        in.maxLengthCandidate = std::size_t(std::min<int>(m_maxCandidate->value(), int(folder.maxSeqLength)));
        in.batch = std::size_t(m_batch->value());
        in.candidatesPerExample = method() == Method::Contrastive ? std::size_t(1 + m_negatives->value()) : 2;
        const QString dtype = m_dtype->currentData().toString();
        in.dtype = dtype != QLatin1String("auto")                   ? dtype.toStdString()
                   : gpu && folder.config.isDecoder()                ? std::string("bfloat16")
                                                                     : std::string("float32");
        in.gradientCheckpointing = m_checkpointing->isChecked() && folder.config.isDecoder();
        in.fusedAttention = gpu; // SDPA's kernels on CUDA keep no L x L scores
        const MemoryEstimate e = estimateTrainingMemory(folder.config, in);
        const auto gib = [](double bytes) { return QString::number(bytes / double(1ull << 30), 'f', 2); };
        return tr("about %1 GiB per step (%2 parameters in %3: weights %4, gradients %5, optimizer %6, activations %7 GiB)")
            .arg(gib(e.total()), QLocale().toString(qlonglong(e.parameters)), QString::fromStdString(in.dtype),
                 gib(e.weights), gib(e.gradients), gib(e.optimizer), gib(e.activations));
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
}

void TrainingForm::updateMemoryEstimate()
{
    m_memory->setText(memoryEstimate());
}

void TrainingForm::setModels(const QList<ModelChoice>& models)
{
    m_models = models;
    m_folder.reset(); // a run trained since may have replaced a folder's files
    const QString current = baseModel();
    const QSignalBlocker block(m_base);
    m_base->clear();
    for (const auto& m : models)
        m_base->addItem(m.label, m.name);
    setBaseModel(current);
    updateMemoryEstimate();
}

void TrainingForm::setBaseModel(const QString& name)
{
    const int index = m_base->findData(name);
    if (index >= 0)
        m_base->setCurrentIndex(index);
}

QString TrainingForm::baseModel() const
{
    return m_base->currentData().toString();
}

void TrainingForm::setMethod(Method method)
{
    m_method->setCurrentIndex(m_method->findData(static_cast<int>(method)));
}

TrainingForm::Method TrainingForm::method() const
{
    return static_cast<Method>(m_method->currentData().toInt());
}

void TrainingForm::methodChanged()
{
    const Method m = method();
    for (QWidget* w : m_preferenceOnly)
        setRowEnabled(w, m != Method::Contrastive);
    for (QWidget* w : m_rankpoOnly)
        setRowEnabled(w, m == Method::RankPO || m == Method::SimRankPO);
    for (QWidget* w : m_contrastiveOnly) {
        setRowEnabled(w, m == Method::Contrastive);
        setRowShown(w, m == Method::Contrastive);
    }
    Q_EMIT changed();
}

void TrainingForm::setConfig(const TrainingConfig& c)
{
    const QSignalBlocker block(m_method);
    setMethod(c.method == TrainingMethod::Contrastive ? Method::Contrastive
              : c.method == TrainingMethod::Sft       ? Method::Sft
              : c.rankpo.referenceFree                ? Method::SimRankPO
                                                      : Method::RankPO);
    m_lossType->setCurrentIndex(m_lossType->findData(static_cast<int>(c.rankpo.lossType)));
    m_learningRate->setText(formatRate(c.learningRate));
    m_epochs->setValue(c.numTrainEpochs);
    m_batch->setValue(c.perDeviceTrainBatchSize);
    m_accumulation->setValue(c.gradientAccumulationSteps);
    m_warmup->setValue(c.warmupRatio);
    m_seed->setValue(static_cast<int>(c.seed));
    m_dropout->setChecked(!c.disableDropout);
    m_groupByJob->setChecked(c.groupByJob);
    m_dtype->setCurrentIndex(std::max(0, m_dtype->findData(QString::fromStdString(c.torchDtype))));
    m_checkpointing->setChecked(c.gradientCheckpointing);
    m_tau->setValue(c.method == TrainingMethod::Contrastive ? c.contrastive.loss.tau
                    : c.method == TrainingMethod::Sft      ? c.sft.tau
                                                           : c.rankpo.tau);
    m_beta->setValue(c.rankpo.beta);
    m_gamma->setValue(c.rankpo.gamma);
    m_labelSmoothing->setValue(c.rankpo.labelSmoothing);
    m_sftWeight->setValue(c.rankpo.sftWeight);
    m_confidenceWeighting->setChecked(c.rankpo.weightByConfidence);
    m_negatives->setValue(c.contrastive.numNegatives);
    m_stage1Sampler->setCurrentIndex(
        std::max(0, m_stage1Sampler->findData(QString::fromLatin1(toString(c.contrastive.stage1Sampler).data()))));
    m_hardNegativeRounds->setValue(c.contrastive.hardNegativeRounds);
    m_hardNegativeMethod->setCurrentIndex(std::max(
        0, m_hardNegativeMethod->findData(QString::fromLatin1(toString(c.contrastive.hardNegatives.method).data()))));
    m_maxJob->setValue(c.maxLengthJob);
    m_maxCandidate->setValue(c.maxLengthCandidate);
    methodChanged();
}

TrainingConfig TrainingForm::config() const
{
    const Method m = method();
    TrainingConfig c = defaultsOf(m); // SimRankPO: reference_free
    bool ok = false;
    const double rate = QLocale::c().toDouble(m_learningRate->text().trimmed(), &ok);
    if (!ok || !(rate > 0) || !std::isfinite(rate))
        throw usageError("learning rate: '" + m_learningRate->text().toStdString() + "' is not a positive number");
    c.learningRate = rate;
    c.numTrainEpochs = m_epochs->value();
    c.perDeviceTrainBatchSize = m_batch->value();
    c.gradientAccumulationSteps = m_accumulation->value();
    c.warmupRatio = m_warmup->value();
    c.seed = static_cast<std::uint64_t>(m_seed->value());
    c.disableDropout = !m_dropout->isChecked();
    c.groupByJob = m != Method::Contrastive && m_groupByJob->isChecked();
    c.torchDtype = m_dtype->currentData().toString().toStdString();
    c.gradientCheckpointing = m_checkpointing->isChecked();
    c.maxLengthJob = m_maxJob->value();
    c.maxLengthCandidate = m_maxCandidate->value();
    c.rankpo.lossType = static_cast<PreferenceLossType>(m_lossType->currentData().toInt());
    c.rankpo.beta = m_beta->value();
    c.rankpo.gamma = m_gamma->value();
    c.rankpo.labelSmoothing = m_labelSmoothing->value();
    c.rankpo.sftWeight = m_sftWeight->value();
    c.rankpo.weightByConfidence = m_confidenceWeighting->isChecked();
    c.contrastive.numNegatives = m_negatives->value();
    c.contrastive.stage1Sampler = *stage1SamplerFromString(m_stage1Sampler->currentData().toString().toStdString());
    c.contrastive.hardNegativeRounds = m_hardNegativeRounds->value();
    c.contrastive.hardNegatives.method =
        *hardNegativeMethodFromString(m_hardNegativeMethod->currentData().toString().toStdString());
    if (m == Method::Contrastive)
        c.contrastive.loss.tau = m_tau->value();
    else if (m == Method::Sft)
        c.sft.tau = m_tau->value();
    else
        c.rankpo.tau = m_tau->value();
    c.validate();
    return c;
}

workflows::TrainingRequest TrainingForm::request() const
{
    workflows::TrainingRequest r;
    r.config = config();
    r.model = baseModel().toStdString();
    if (r.model.empty())
        throw usageError("choose a base model");
    r.runName = m_runName->text().trimmed().toStdString();
    r.device = m_device->currentData().toString().toStdString();
    const QString source = m_source->currentData().toString();
    if (source == QLatin1String("ai"))
        r.source = PreferenceSource::Ai;
    else if (source == QLatin1String("human"))
        r.source = PreferenceSource::Human;
    r.dropInconsistent = m_dropInconsistent->isChecked();
    // Sweeps and single runs evaluate at the lengths they train with.
    r.maxLengthJob = static_cast<std::size_t>(r.config.maxLengthJob);
    r.maxLengthCandidate = static_cast<std::size_t>(r.config.maxLengthCandidate);
    return r;
}

} // namespace rankpo::ui
