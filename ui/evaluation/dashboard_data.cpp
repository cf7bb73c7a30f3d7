#include "ui/evaluation/dashboard_data.h"

#include "core/evaluation/metric_keys.h"
#include "core/training/method_names.h"
#include "db/project_store.h"
#include "db/run_registry.h"

#include <QObject>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <tuple>

namespace rankpo::ui {
namespace {

std::optional<double> number(const nlohmann::json& j, const std::string& key)
{
    if (j.is_object() && j.contains(key) && j[key].is_number())
        return j[key].get<double>();
    return std::nullopt;
}

} // namespace

const EvaluationSummary* DashboardData::find(const QString& model) const
{
    for (const auto& e : latest)
        if (e.model == model)
            return &e;
    return nullptr;
}

QStringList barMetricKeys()
{
    return {QStringLiteral("nDCG@1"),   QStringLiteral("nDCG@5"),    QStringLiteral("nDCG@10"),
            QLatin1String(metric_keys::NDCG20),  QStringLiteral("nDCG@100"),  QLatin1String(metric_keys::MRR20),
            QLatin1String(metric_keys::Recall20), QLatin1String(metric_keys::AlignmentAi), QLatin1String(metric_keys::AlignmentHuman)};
}

QString barMetricLabel(const QString& key)
{
    if (key == QLatin1String(metric_keys::AlignmentAi))
        return QObject::tr("AI alignment");
    if (key == QLatin1String(metric_keys::AlignmentHuman))
        return QObject::tr("Human alignment");
    return key;
}

EvaluationSummary summarizeEvaluation(const db::EvaluationRecord& record)
{
    EvaluationSummary s;
    s.model = QString::fromStdString(record.model);
    s.evaluationId = record.id;
    s.createdAt = record.createdAt;
    s.split = QString::fromStdString(record.split);
    const auto j = nlohmann::json::parse(record.metricsJson, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return s;
    const nlohmann::json standard = j.contains(metric_keys::Standard) ? j[metric_keys::Standard] : nlohmann::json::object();
    for (const QString& key : barMetricKeys()) {
        const std::string k = key.toStdString();
        std::optional<double> v = key.startsWith(QLatin1String("alignment")) ? number(j, k) : number(standard, k);
        if (!v)
            v = number(j, k);
        if (v)
            s.metrics.insert(key, *v);
        const std::string ci = k + "_ci";
        if (v && j.contains(ci) && j[ci].is_array() && j[ci].size() == 2 && j[ci][0].is_number() && j[ci][1].is_number())
            s.intervals.insert(key, {j[ci][0].get<double>(), j[ci][1].get<double>()});
    }
    s.maxLengthJob = static_cast<int>(number(j, "max_length_job").value_or(0));
    s.maxLengthCandidate = static_cast<int>(number(j, "max_length_candidate").value_or(0));
    return s;
}

DashboardData loadDashboardData(db::ProjectStore& store)
{
    DashboardData data;
    std::map<std::string, std::size_t> latestIndex;
    std::map<std::string, db::RunRecord> runs;
    for (auto& r : db::RunRegistry(store).list())
        runs.emplace(r.name, r);
    for (const auto& record : db::EvaluationStore(store).list()) {
        if (record.split != "test")
            continue;
        EvaluationSummary s = summarizeEvaluation(record);
        // A run's model, or one of its per-epoch checkpoints ("<run>@epoch-<n>").
        const std::string runName = record.model.substr(0, record.model.rfind("@epoch-"));
        if (const auto it = runs.find(runName); it != runs.end())
            s.method = QString::fromStdString(recordedMethodKey(it->second.method, it->second.configJson));
        // list() is in id order: a later evaluation of the same model replaces the earlier one.
        if (const auto it = latestIndex.find(record.model); it != latestIndex.end()) {
            data.latest[it->second] = std::move(s);
        } else {
            latestIndex.emplace(record.model, data.latest.size());
            data.latest.push_back(std::move(s));
        }
    }
    for (const auto& [name, run] : runs) {
        if (run.sweep.empty() || run.status != db::RunStatus::Done)
            continue;
        SweepPoint p;
        p.sweep = QString::fromStdString(run.sweep);
        p.run = QString::fromStdString(name);
        p.method = QString::fromStdString(recordedMethodKey(run.method, run.configJson));
        const auto config = nlohmann::json::parse(run.configJson, nullptr, false);
        p.learningRate = number(config, "learning_rate").value_or(0);
        if (p.learningRate <= 0)
            continue;
        if (const EvaluationSummary* e = data.find(p.run)) {
            if (e->metrics.contains(QLatin1String(metric_keys::NDCG20)))
                p.ndcg20 = e->metrics.value(QLatin1String(metric_keys::NDCG20));
            if (e->metrics.contains(QLatin1String(metric_keys::AlignmentAi)))
                p.alignment = e->metrics.value(QLatin1String(metric_keys::AlignmentAi));
        }
        data.sweep.push_back(std::move(p));
    }
    std::sort(data.sweep.begin(), data.sweep.end(), [](const SweepPoint& a, const SweepPoint& b) {
        return std::tie(a.sweep, a.method, a.learningRate) < std::tie(b.sweep, b.method, b.learningRate);
    });
    return data;
}

} // namespace rankpo::ui
