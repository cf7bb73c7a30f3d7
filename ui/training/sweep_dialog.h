#pragma once

#include "ui/common/model_choices.h"
#include "workflows/training_workflow.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace rankpo::ui {

// "Run sweep…": the learning rates and the methods of a learning-rate sweep (every rate for every
// method, from one base model, each run evaluated on the test split), the paper's Figure 3.
class SweepDialog : public QDialog {
    Q_OBJECT
public:
    SweepDialog(const QList<ModelChoice>& models, const QString& baseModel, QWidget* parent = nullptr);

    // Throws rankpo::Error (Usage) naming the field when the input is not usable.
    workflows::SweepRequest request() const;
    void setLearningRates(const QString& text);

    // "5e-7, 1e-6 2e-6": rates separated by commas, semicolons or spaces.
    static std::vector<double> parseLearningRates(const QString& text);

private:
    QComboBox* m_base;
    QLineEdit* m_rates;
    QCheckBox* m_rankpo;
    QCheckBox* m_simRankpo;
    QCheckBox* m_sft;
    QSpinBox* m_epochs;
    QSpinBox* m_maxJob;
    QSpinBox* m_maxCandidate;
    QComboBox* m_source;
    QLineEdit* m_name;
};

} // namespace rankpo::ui
