#include "ui/io/export_settings.h"

#include "core/util/error.h"
#include "db/project_store.h"
#include "ui/common/background_task.h"

#include <QDir>
#include <QFileInfo>
#include <QObject>
#include <QStringList>

#include <cstdio>

namespace rankpo::ui {

ExportApplicability exportApplicability(DataFormat format)
{
    ExportApplicability a;
    switch (format) {
    case DataFormat::RankPOPairs:
    case DataFormat::TrlDpo:
        a = {true, true, true, true, true, true};
        break;
    case DataFormat::Csv:
        a = {true, true, false, true, true, false};
        break;
    case DataFormat::RankPOContrastive:
    case DataFormat::TrecQrels:
    case DataFormat::RankPOEval:
        break;
    }
    return a;
}

std::vector<DataFormat> exportFormats()
{
    return {DataFormat::RankPOPairs, DataFormat::TrlDpo, DataFormat::Csv, DataFormat::RankPOContrastive, DataFormat::TrecQrels};
}

db::ExportOptions exportOptionsFor(const ExportChoices& c)
{
    const ExportApplicability a = exportApplicability(c.format);
    db::ExportOptions o;
    o.format = c.format;
    o.filter.split = c.split;
    if (a.preferenceFilters) {
        o.filter.source = c.source;
        if (!c.annotator.trimmed().isEmpty())
            o.filter.annotator = c.annotator.trimmed().toStdString();
    }
    if (a.policy) {
        o.policy = c.policy;
        o.adjudication = c.adjudication;
    }
    if (a.ties)
        o.ties = c.ties;
    o.weightColumn = a.weightColumn && c.weightColumn;
    o.rationaleColumn = a.rationaleColumn && c.rationaleColumn;
    o.minimal = a.minimal && c.minimal;
    return o;
}

QString defaultExportFileName(const QString& projectPath, DataFormat format)
{
    const QFileInfo project(projectPath);
    const QDir dir(project.absolutePath());
    const QString base = project.completeBaseName();
    if (format == DataFormat::Csv)
        return dir.filePath(base + QStringLiteral(".csv"));
    if (format == DataFormat::TrecQrels)
        return dir.filePath(base + QStringLiteral(".qrels"));
    const QString name = QString::fromUtf8(formatName(format).data(), static_cast<int>(formatName(format).size()));
    return dir.filePath(QStringLiteral("%1.%2.jsonl").arg(base, name));
}

QString describeExport(const ExportChoices& c)
{
    const ExportApplicability a = exportApplicability(c.format);
    QStringList parts;
    const QString split = !c.split ? QObject::tr("all jobs")
        : *c.split == Split::Train ? QObject::tr("the training split")
        : *c.split == Split::Test  ? QObject::tr("the test split")
                                   : QObject::tr("jobs not yet in a split");
    if (!a.preferenceFilters) {
        parts << QObject::tr("The rule labels of %1.").arg(split);
        return parts.join(' ');
    }
    const QString who = !c.source ? QObject::tr("AI and human judgements")
        : *c.source == PreferenceSource::Ai ? QObject::tr("AI judgements")
                                            : QObject::tr("human judgements");
    parts << QObject::tr("%1%2 of %3.").arg(who, c.annotator.trimmed().isEmpty() ? QString() : QObject::tr(" by %1").arg(c.annotator.trimmed()), split);
    switch (c.policy) {
    case db::MultiPreferencePolicy::All: parts << QObject::tr("One row per judgement."); break;
    case db::MultiPreferencePolicy::Majority: parts << QObject::tr("One row per pair: the candidate most judgements chose."); break;
    case db::MultiPreferencePolicy::Latest: parts << QObject::tr("One row per pair: the latest judgement."); break;
    }
    switch (c.adjudication) {
    case db::AdjudicationPolicy::Prefer: parts << QObject::tr("A pair a reviewer decided is one row, the decision."); break;
    case db::AdjudicationPolicy::Only: parts << QObject::tr("Only the pairs a reviewer decided, one row each."); break;
    case db::AdjudicationPolicy::Ignore: parts << QObject::tr("Reviewers' decisions are left aside."); break;
    }
    if (a.ties)
        parts << (c.ties == db::TiePolicy::Drop ? QObject::tr("Ties are left out.")
                                                : QObject::tr("A tie becomes two rows, each way round, with weight 0.5."));
    else
        parts << QObject::tr("Ties are written as “tie”.");
    if (c.weightColumn)
        parts << QObject::tr("A weight column holds confidence / 100 (times 0.5 for a half tie).");
    if (a.rationaleColumn)
        parts << (c.rationaleColumn ? QObject::tr("The rationale goes beside each row.") : QObject::tr("No rationale."));
    if (a.minimal && c.minimal)
        parts << QObject::tr("Only the fields the target trainer reads.");
    return parts.join(' ');
}

db::ExportReport exportIntoFile(const QString& projectPath, const QString& outPath, const ExportChoices& choices,
                                TaskControl& control)
{
    auto store = db::ProjectStore::open(projectPath.toStdString());
    if (control.cancelled())
        throw Error(ErrorKind::Cancelled, "export cancelled");
    const std::string target = outPath.toStdString();
    const std::string staging = target + ".exporting";
    const db::ExportReport report = db::exportProject(*store, staging, exportOptionsFor(choices));
    if (control.cancelled()) {
        std::remove(staging.c_str());
        throw Error(ErrorKind::Cancelled, "export cancelled");
    }
    if (std::rename(staging.c_str(), target.c_str()) != 0) {
        std::remove(staging.c_str());
        throw ioError(target + ": cannot write the export");
    }
    return report;
}

} // namespace rankpo::ui
