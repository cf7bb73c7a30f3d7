#include "ui/io/import_validation.h"

#include "core/formats/candidate_profile_parser.h"
#include "core/formats/csv_record_reader.h"
#include "core/formats/import_records.h"
#include "core/formats/line_reader.h"
#include "core/formats/record_parser.h"
#include "core/util/error.h"
#include "db/import_files.h"

#include <QFileInfo>
#include <QObject>
#include <QStringList>

namespace rankpo::ui {
namespace {

bool blank(std::string_view line)
{
    return line.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
}

QString describe(const TextRef& ref)
{
    if (!ref.text.empty())
        return snippet(ref.text);
    return QString::fromUtf8(ref.externalId.data(), static_cast<int>(ref.externalId.size()));
}

// A candidate in the paper's tagged format reads better as its keywords and titles.
QString describeCandidate(const TextRef& ref)
{
    if (ref.text.empty())
        return describe(ref);
    const CandidateProfile p = parseCandidateProfile(ref.text);
    if (!p.tagged())
        return describe(ref);
    std::string text;
    for (const auto& k : p.keywords)
        text += (text.empty() ? "" : " · ") + k;
    for (const auto& t : p.publicationTitles)
        text += (text.empty() ? "" : " · ") + t;
    return snippet(text.empty() ? ref.text : std::string_view(text));
}

void addPreview(const ParsedRecord& r, std::size_t line, FileCheck& check, std::size_t limit)
{
    auto room = [&] { return check.preview.size() < limit; };
    for (const auto& p : r.preferences) {
        if (!room())
            return;
        PreviewRecord row{line, describe(p.job), describeCandidate(p.first), describeCandidate(p.second), {}};
        row.outcome = p.choice == Choice::First ? QStringLiteral("A") : p.choice == Choice::Second ? QStringLiteral("B") : QStringLiteral("tie");
        if (p.confidence)
            row.outcome += QStringLiteral(" (%1)").arg(*p.confidence);
        check.preview.push_back(std::move(row));
    }
    for (const auto& l : r.labels) {
        if (!room())
            return;
        check.preview.push_back({line, describe(l.job), describeCandidate(l.candidate), {}, QStringLiteral("relevance %1").arg(l.relevance)});
    }
    for (const auto& c : r.candidates) {
        if (!room())
            return;
        check.preview.push_back({line, {}, describeCandidate(c), {}, QStringLiteral("corpus text")});
    }
    for (const auto& q : r.evalQueries) {
        if (!room())
            return;
        check.preview.push_back({line, describe(q.job), {}, {}, QStringLiteral("%1 positive(s)").arg(q.positiveCorpusIndices.size())});
    }
}

void problem(FileCheck& check, std::size_t line, std::string reason, std::size_t limit)
{
    ++check.invalid;
    if (check.problems.size() < limit)
        check.problems.push_back({line, std::move(reason)});
}

} // namespace

QString snippet(std::string_view text, int max)
{
    QString s = QString::fromUtf8(text.data(), static_cast<int>(std::min<std::size_t>(text.size(), static_cast<std::size_t>(max) * 4)));
    s.replace('\n', ' ');
    s.replace('\r', ' ');
    s = s.simplified();
    if (s.size() > max)
        s = s.left(max - 1) + QStringLiteral("…");
    return s;
}

FileCheck checkImportFile(const std::string& path, const ImportCheckOptions& options)
{
    FileCheck check;
    check.path = path;
    try {
        if (options.corpus)
            check.format = DataFormat::RankPOEval;
        else
            check.format = options.format ? *options.format : db::detectFileFormat(path);
    } catch (const std::exception& e) {
        check.fileError = e.what();
        return check;
    }
    try {
        LineReader lines(path);
        ParsedRecord record;
        std::size_t sinceProgress = 0;
        auto keepGoing = [&] {
            if (!options.progress || ++sinceProgress < 16)
                return true;
            sinceProgress = 0;
            return options.progress(lines.bytesRead(), lines.fileSize());
        };
        if (!options.corpus && *check.format == DataFormat::Csv) {
            CsvRecordReader reader(lines);
            for (;;) {
                record.clear();
                try {
                    if (!reader.next(record))
                        break;
                    ++check.records;
                    addPreview(record, reader.recordLine(), check, options.previewRecords);
                } catch (const RecordError& e) {
                    problem(check, reader.recordLine(), e.reason, options.maxProblems);
                }
                if (!keepGoing()) {
                    check.cancelled = true;
                    return check;
                }
            }
        } else {
            auto parser = options.corpus ? makeCorpusLineParser() : makeRecordParser(*check.format);
            std::string_view line;
            while (lines.next(line)) {
                if (blank(line))
                    continue;
                record.clear();
                try {
                    parser->parse(line, record);
                    ++check.records;
                    addPreview(record, lines.lineNumber(), check, options.previewRecords);
                } catch (const RecordError& e) {
                    problem(check, lines.lineNumber(), e.reason, options.maxProblems);
                }
                if (!keepGoing()) {
                    check.cancelled = true;
                    return check;
                }
            }
        }
        if (options.progress)
            options.progress(lines.fileSize(), lines.fileSize());
    } catch (const std::exception& e) {
        check.fileError = e.what();
    }
    return check;
}

QString problemReport(const std::vector<FileCheck>& checks)
{
    QStringList lines;
    for (const auto& c : checks) {
        const QString name = QFileInfo(QString::fromStdString(c.path)).fileName();
        if (!c.fileError.empty())
            lines << QStringLiteral("%1: %2").arg(name, QString::fromStdString(c.fileError));
        for (const auto& p : c.problems)
            lines << QStringLiteral("%1:%2: %3").arg(name).arg(p.line).arg(QString::fromStdString(p.reason));
        if (c.invalid > c.problems.size())
            lines << QObject::tr("%1: … and %2 more invalid records").arg(name).arg(c.invalid - c.problems.size());
    }
    return lines.join('\n');
}

} // namespace rankpo::ui
