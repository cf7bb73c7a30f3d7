#pragma once

#include "core/model/model_folder.h"
#include "ui/common/model_choices.h"
#include "workflows/compute_devices.h"
#include "workflows/training_workflow.h"

#include <QWidget>

#include <optional>
#include <utility>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace rankpo::ui {

class BackgroundTask;

// What a training run is configured with: the base model, the method, the hyper-parameters (the
// paper's defaults, each with a tooltip saying what it does) and the device. Produces the
// workflow's request; knows nothing about running it.
class TrainingForm : public QWidget {
    Q_OBJECT
public:
    // The methods offered, in the combo's order. SimRankPO is RankPO without the reference model
    // (reference_free), as the paper names it.
    enum class Method { RankPO, SimRankPO, Sft, Contrastive };

    explicit TrainingForm(QWidget* parent = nullptr);

    void setModels(const QList<ModelChoice>& models);
    // The CPU-sized run (TrainingConfig::cpuPreset) for the current method, keeping model, data and device.
    void applyCpuPreset();
    // What one training step of the chosen model, lengths, batch and dtype keeps in memory (a planning figure),
    // or why it cannot be said.
    QString memoryEstimate() const;
    void setBaseModel(const QString& name);
    QString baseModel() const;
    void setMethod(Method method);
    Method method() const;

    // The fields from a configuration (and back). config() throws rankpo::Error (Usage) naming the
    // field when a value is invalid.
    void setConfig(const TrainingConfig& config);
    TrainingConfig config() const;
    // The whole request: base model, run name, source, device, config (validated).
    workflows::TrainingRequest request() const;

    // Asks the engine which devices it can use (on a worker: the first ask loads the engine module) and lists
    // them with their availability; until then the device list says it is checking. The first show asks.
    void detectDevices();
    void waitForDevices(); // tests
    QComboBox* deviceBox() const { return m_device; }
    QComboBox* methodBox() const { return m_method; }

Q_SIGNALS:
    void changed();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void methodChanged();
    void fillDevices(const std::vector<workflows::ComputeDevice>& devices);
    void updateMemoryEstimate();

    QComboBox* m_base;
    QComboBox* m_method;
    QComboBox* m_lossType;
    QComboBox* m_source;
    QComboBox* m_device;
    BackgroundTask* m_devicesTask = nullptr;
    bool m_devicesAsked = false;
    QLineEdit* m_runName;
    QLineEdit* m_learningRate;
    QSpinBox* m_epochs;
    QSpinBox* m_batch;
    QSpinBox* m_accumulation;
    QDoubleSpinBox* m_warmup;
    QDoubleSpinBox* m_tau;
    QDoubleSpinBox* m_beta;
    QDoubleSpinBox* m_gamma;
    QDoubleSpinBox* m_labelSmoothing;
    QDoubleSpinBox* m_sftWeight;
    QCheckBox* m_confidenceWeighting;
    QCheckBox* m_dropInconsistent;
    QSpinBox* m_negatives;
    QComboBox* m_stage1Sampler;
    QSpinBox* m_hardNegativeRounds;
    QComboBox* m_hardNegativeMethod;
    QSpinBox* m_maxJob;
    QSpinBox* m_maxCandidate;
    QSpinBox* m_seed;
    QCheckBox* m_dropout;
    QCheckBox* m_groupByJob;
    QComboBox* m_dtype;
    QCheckBox* m_checkpointing;
    QLabel* m_memory;
    QList<ModelChoice> m_models;
    // The chosen base model's folder description, read once per model rather than at every change of a field.
    mutable std::optional<std::pair<QString, ModelFolder>> m_folder;
    QList<QWidget*> m_preferenceOnly; // fields that stage 1 does not use
    QList<QWidget*> m_rankpoOnly;
    QList<QWidget*> m_contrastiveOnly; // also hidden for the other methods
};

} // namespace rankpo::ui
