#pragma once

#include "ui/io/export_settings.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace rankpo::ui {

class BackgroundTask;
class ProjectDocument;

// Export for other trainers: the foundation's formats and filters, plus what no other tool carries
// into training data: ties dropped or kept as half-weight rows, confidence as a per-row weight, the
// rationale as a side column. The export runs on a worker with a progress dialog.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportDialog(ProjectDocument* document, QWidget* parent = nullptr);
    ~ExportDialog() override;

    ExportChoices choices() const;
    void setChoices(const ExportChoices& choices);
    QString outputPath() const;
    void setOutputPath(const QString& path);
    QString description() const;

    // Runs the export behind a progress dialog; true when the file was written.
    bool runExport();
    const db::ExportReport& report() const { return m_report; }

    void accept() override;

private:
    void updateEnabled();
    void loadAnnotators();

    ProjectDocument* m_document;
    BackgroundTask* m_annotatorLoader;
    QComboBox* m_format;
    QComboBox* m_source;
    QComboBox* m_annotator;
    QComboBox* m_split;
    QComboBox* m_policy;
    QComboBox* m_adjudication;
    QRadioButton* m_dropTies;
    QRadioButton* m_halfTies;
    QCheckBox* m_weight;
    QCheckBox* m_rationale;
    QCheckBox* m_minimal;
    QLineEdit* m_output;
    QLabel* m_description;
    bool m_outputEdited = false;
    db::ExportReport m_report;
};

} // namespace rankpo::ui
