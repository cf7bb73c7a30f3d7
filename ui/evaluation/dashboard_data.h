#pragma once

#include "db/evaluation_store.h"

#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace rankpo::db {
class ProjectStore;
}

namespace rankpo::ui {

// One stored evaluation as the dashboard shows it (parsed from its JSON).
struct EvaluationSummary {
    QString model;
    qint64 evaluationId = 0;
    qint64 createdAt = 0;
    QString split;
    QMap<QString, double> metrics;                  // bar keys (barMetricKeys) with a defined value
    QMap<QString, QPair<double, double>> intervals; // "alignment_ai", "alignment_human": 95% Wilson interval
    int maxLengthJob = 0;                           // the lengths it was evaluated at (0: unknown)
    int maxLengthCandidate = 0;
    QString method;                                 // the trained run's variant key (recordedMethodKey), if any
};

// The learning-rate sweep: one finished run of a sweep and its evaluation.
struct SweepPoint {
    QString sweep;
    QString run;
    QString method; // rankpo | simrankpo | sft (recordedMethodKey)
    double learningRate = 0;
    std::optional<double> ndcg20;
    std::optional<double> alignment; // with AI preferences on the test split
};

struct DashboardData {
    std::vector<EvaluationSummary> latest; // the latest test-split evaluation of each model, oldest first
    std::vector<SweepPoint> sweep;         // by sweep, method, learning rate

    const EvaluationSummary* find(const QString& model) const;
};

// The grouped bars' metrics, in order: nDCG@1/5/10/20/100, MRR@20, Recall@20 (trec_eval semantics
// over the rule labels), alignment with AI and with human preferences.
QStringList barMetricKeys();
QString barMetricLabel(const QString& key);

// Parses a stored evaluation; unknown or null values are left out.
EvaluationSummary summarizeEvaluation(const db::EvaluationRecord& record);
// Reads every evaluation and the runs of every sweep (on a worker for a big project).
DashboardData loadDashboardData(db::ProjectStore& store);

} // namespace rankpo::ui
