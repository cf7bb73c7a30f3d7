#include "ui/common/model_choices.h"

#include "core/training/method_names.h"
#include "db/evaluation_store.h"
#include "db/model_registry.h"
#include "db/project_model_resolver.h"
#include "db/project_store.h"
#include "db/run_registry.h"

#include <QObject>
#include <QSet>

#include <map>

namespace rankpo::ui {
namespace {

QString methodLabel(const db::RunRecord& run)
{
    if (run.method == "contrastive")
        return QObject::tr("stage-1 run");
    if (!trainingMethodFromString(run.method))
        return QObject::tr("run");
    // "RankPO run", "SimRankPO run", "SFT run"
    return QObject::tr("%1 run").arg(QString::fromStdString(recordedMethodDisplayName(run.method, run.configJson)));
}

} // namespace

QList<ModelChoice> trainableModels(db::ProjectStore& store)
{
    std::map<std::string, db::RunRecord> runs;
    for (auto& r : db::RunRegistry(store).list())
        runs.emplace(r.name, r);
    QList<ModelChoice> out;
    for (const ModelEntry& e : db::projectModelCatalog(store).list()) {
        ModelChoice c;
        c.name = QString::fromStdString(e.name);
        c.folder = QString::fromStdString(e.folder.string());
        if (e.origin == "run") {
            const auto it = runs.find(e.name);
            // A cancelled run has checkpoints but no finished model: resume it rather than build on it.
            if (it != runs.end() && it->second.status != db::RunStatus::Done)
                continue;
            c.kind = QStringLiteral("run");
            c.method = it != runs.end() ? QString::fromStdString(it->second.method) : QString();
            c.label = QStringLiteral("%1 — %2").arg(c.name, it != runs.end() ? methodLabel(it->second) : QObject::tr("run"));
        } else if (e.origin == "project") {
            c.kind = QStringLiteral("project");
            c.label = QStringLiteral("%1 — %2").arg(c.name, QObject::tr("project model"));
        } else {
            c.kind = QStringLiteral("built-in");
            c.label = QStringLiteral("%1 — %2").arg(c.name, QObject::tr("pretrained"));
        }
        out << c;
    }
    return out;
}

QList<ModelChoice> evaluatedModels(db::ProjectStore& store)
{
    QList<ModelChoice> out = trainableModels(store);
    QSet<QString> seen;
    for (const auto& c : out)
        seen.insert(c.name);
    for (const auto& e : db::EvaluationStore(store).list()) {
        const QString name = QString::fromStdString(e.model);
        if (seen.contains(name))
            continue;
        seen.insert(name);
        ModelChoice c;
        c.name = name;
        c.kind = QStringLiteral("evaluated");
        c.label = QStringLiteral("%1 — %2").arg(name, QObject::tr("evaluated"));
        out << c;
    }
    return out;
}

ModelPair latestRunAndBase(db::ProjectStore& store)
{
    ModelPair pair;
    bool outsideSweep = false;
    for (const auto& r : db::RunRegistry(store).list()) { // oldest first: the last match wins
        if (r.status != db::RunStatus::Done || (outsideSweep && !r.sweep.empty()))
            continue;
        outsideSweep = r.sweep.empty();
        pair = {QString::fromStdString(r.baseModel), QString::fromStdString(r.name)};
    }
    return pair;
}

} // namespace rankpo::ui
