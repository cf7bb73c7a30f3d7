#pragma once

#include <QList>
#include <QString>

namespace rankpo::db {
class ProjectStore;
}

namespace rankpo::ui {

// A model the user can pick in the studio: a built-in (pretrained) model, a model the project
// registered, or a finished training run (addressable by its name).
struct ModelChoice {
    QString name;   // what the workflows take (EncodingOptions::model)
    QString label;  // "rankpo-2 — RankPO run", "all-MiniLM-L6-v2 — pretrained"
    QString kind;   // "built-in", "project", "run", "evaluated"
    QString method; // a run's method (contrastive, rankpo, sft); empty otherwise
    QString folder; // the model's folder (its config.json sizes the Training page's memory estimate)
};

// Built-in models first, then the project's models and finished runs (oldest first). Quick: two
// small tables and a folder listing.
QList<ModelChoice> trainableModels(db::ProjectStore& store);

// trainableModels() plus every other model name the project has a stored evaluation of (per-epoch
// checkpoints, folders), for choosing what to compare.
QList<ModelChoice> evaluatedModels(db::ProjectStore& store);

// What to compare when nothing is chosen yet: the newest finished run outside a sweep (else the
// newest finished run) and its base model. Empty names when the project has no finished run.
struct ModelPair {
    QString before;
    QString after;
};
ModelPair latestRunAndBase(db::ProjectStore& store);

} // namespace rankpo::ui
