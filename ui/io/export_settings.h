#pragma once

#include "core/domain/rule_label.h"
#include "core/formats/import_format.h"
#include "db/export_project.h"

#include <QString>

#include <optional>
#include <vector>

namespace rankpo::ui {

class TaskControl;

// What the export dialog describes; exportOptionsFor() turns it into the db layer's options.
struct ExportChoices {
    DataFormat format = DataFormat::RankPOPairs;
    std::optional<PreferenceSource> source; // nullopt: AI and people
    QString annotator;                      // empty: every annotator
    std::optional<Split> split;             // nullopt: all jobs
    db::MultiPreferencePolicy policy = db::MultiPreferencePolicy::All;
    db::TiePolicy ties = db::TiePolicy::Drop;
    db::AdjudicationPolicy adjudication = db::AdjudicationPolicy::Prefer; // reviewers' decisions (Adjudicate page)
    bool weightColumn = false;
    bool rationaleColumn = true;
    bool minimal = false;
};

// Which options mean something for a format: preference formats take the filters, the policy, the
// weight and rationale columns; ties are a choice only where the format has no tie (rankpo-pairs,
// trl-dpo; CSV writes "tie"); label formats (rankpo-contrastive, trec-qrels) take only the split.
struct ExportApplicability {
    bool preferenceFilters = false;
    bool policy = false;
    bool ties = false;
    bool weightColumn = false;
    bool rationaleColumn = false;
    bool minimal = false;
};
ExportApplicability exportApplicability(DataFormat format);

// The formats the project exports (rankpo-eval is import only).
std::vector<DataFormat> exportFormats();

db::ExportOptions exportOptionsFor(const ExportChoices& choices);

// Beside the project: "demo.trl-dpo.jsonl" for the JSONL formats, "demo.csv", "demo.qrels".
QString defaultExportFileName(const QString& projectPath, DataFormat format);

// One paragraph saying what the file will hold, for the dialog.
QString describeExport(const ExportChoices& choices);

// Exports on the calling (worker) thread through its own connection. The db layer writes a whole
// file atomically and cannot stop halfway, so a cancelled export is written aside and discarded:
// `outPath` is only replaced when the export finished without a cancel.
db::ExportReport exportIntoFile(const QString& projectPath, const QString& outPath, const ExportChoices& choices,
                                TaskControl& control);

} // namespace rankpo::ui
