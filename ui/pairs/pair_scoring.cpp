#include "ui/pairs/pair_scoring.h"

#include "db/project_store.h"
#include "ui/common/background_task.h"
#include "ui/common/error_dialog.h"
#include "ui/common/model_choices.h"
#include "ui/document/project_document.h"
#include "workflows/engine.h"
#include "workflows/score_pairs.h"

#include <QInputDialog>
#include <QLocale>

#include <memory>

namespace rankpo::ui {

QString scorePairsWithModel(QWidget* parent, ProjectDocument* document, const QString& model)
{
    if (!document)
        return {};
    QString chosen = model;
    if (chosen.isEmpty()) {
        QList<ModelChoice> models;
        try {
            models = trainableModels(document->store());
        } catch (...) {
            showError(parent, QObject::tr("Could not list the project's models."), currentExceptionMessage());
            return {};
        }
        QStringList labels;
        int current = 0;
        for (int i = 0; i < models.size(); ++i) {
            labels << models[i].label;
            if (models[i].name == document->scoreModel())
                current = i;
        }
        if (labels.isEmpty()) {
            showError(parent, QObject::tr("No model to score with."),
                      QObject::tr("Install the built-in model (scripts/install-python-deps.sh) or train one."));
            return {};
        }
        bool ok = false;
        const QString label = QInputDialog::getItem(parent, QObject::tr("Score pairs with a model"),
                                                    QObject::tr("The model's scores order the queue (uncertain first) "
                                                                "and find where it disagrees with the AI judge:"),
                                                    labels, current, false, &ok);
        if (!ok)
            return {};
        chosen = models[static_cast<int>(labels.indexOf(label))].name;
    }
    auto stored = std::make_shared<QString>();
    auto pairs = std::make_shared<std::size_t>(0);
    const std::string path = document->path().toStdString();
    const TaskResult result = runWithProgressDialog(
        parent, QObject::tr("Score pairs"), QObject::tr("Scoring every pair with %1…").arg(chosen),
        [path, name = chosen.toStdString(), stored, pairs](TaskControl& control) {
            auto store = db::ProjectStore::open(path, db::ProjectStore::OpenMode::OpenExisting, false);
            workflows::PairScoreOptions options;
            options.model = name;
            options.cancel = control.cancelFlag();
            options.progress = [&control](const std::string& stage, std::size_t done, std::size_t total) {
                control.setProgress(static_cast<std::int64_t>(done), static_cast<std::int64_t>(total));
                control.setStatus(QString::fromStdString(stage));
            };
            const auto r = workflows::engine().scorePairs(*store, options);
            *stored = QString::fromStdString(r.model);
            *pairs = r.pairs;
        });
    if (result.outcome == TaskOutcome::Failed) {
        showError(parent, QObject::tr("Could not score the pairs."), result.message);
        return {};
    }
    if (result.outcome == TaskOutcome::Cancelled)
        return {};
    document->notifyDataChanged();
    document->setScoreModel(*stored);
    return *stored;
}

} // namespace rankpo::ui
