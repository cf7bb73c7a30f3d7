#include "db/import_files.h"

#include "core/formats/csv_record_reader.h"
#include "core/formats/line_reader.h"
#include "core/formats/record_parser.h"
#include "core/util/error.h"
#include "db/parse_pipeline.h"
#include "db/project_store.h"
#include "db/store_access.h"

#include <fstream>
#include <memory>

namespace rankpo::db {
namespace {

bool blank(std::string_view line)
{
    return line.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
}

std::string where(const std::string& file, std::size_t line)
{
    return file + ":" + std::to_string(line);
}

// Writes the records of one input line. Any failure leaves the caller to roll back.
class RecordWriter {
public:
    RecordWriter(ProjectWriter& writer, const ImportOptions& options) : m_writer(writer), m_options(options) {}

    // Candidates of an evaluation corpus, by their 0-based line index.
    std::vector<CandidateId> corpus;

    void write(const ParsedRecord& r)
    {
        for (const auto& p : r.preferences)
            writePreference(p);
        for (const auto& l : r.labels)
            writeLabel(l);
        for (const auto& c : r.candidates)
            corpus.push_back(m_writer.addCandidate(c));
        for (const auto& q : r.evalQueries)
            writeEvalQuery(q);
    }

private:
    void writePreference(const PreferenceRecord& p)
    {
        const JobId job = m_writer.addJob(p.job);
        const CandidateId first = m_writer.addCandidate(p.first);
        const CandidateId second = m_writer.addCandidate(p.second);
        PairProvenance provenance;
        provenance.madeBy = p.madeBy;
        provenance.strategy = p.strategy;
        provenance.firstRank = p.firstRank;
        provenance.secondRank = p.secondRank;
        provenance.firstScore = p.firstScore;
        provenance.secondScore = p.secondScore;
        const PairId pair = m_writer.addPair(job, first, second, provenance);
        if (!p.judged)
            return; // a pair waiting for judgement
        NewPreference np;
        np.pairId = pair;
        np.response = p.response;
        np.usage = p.usage;
        np.source = m_options.source.value_or(p.source.value_or(PreferenceSource::Ai));
        np.annotator = m_options.annotator ? std::string_view(*m_options.annotator) : p.annotator;
        np.shownFirst = first;
        np.choice = p.choice;
        np.confidence = p.confidence;
        np.rationale = p.rationale;
        np.createdAt = p.createdAt.value_or(0);
        m_writer.addPreference(np);
    }

    void writeLabel(const LabelRecord& l)
    {
        JobId job = 0;
        CandidateId candidate = 0;
        if (!l.job.text.empty()) {
            job = m_writer.addJob(l.job);
        } else {
            const auto found = m_writer.findJob(l.job.externalId);
            if (!found)
                throw dataError("unknown job '" + std::string(l.job.externalId)
                                + "' (qrels name jobs already in the project by external id or J<n>)");
            job = *found;
        }
        if (!l.candidate.text.empty()) {
            candidate = m_writer.addCandidate(l.candidate);
        } else {
            const auto found = m_writer.findCandidate(l.candidate.externalId);
            if (!found)
                throw dataError("unknown candidate '" + std::string(l.candidate.externalId)
                                + "' (qrels name candidates already in the project by external id or C<n>)");
            candidate = *found;
        }
        m_writer.setLabel(job, candidate, l.relevance);
    }

    void writeEvalQuery(const EvalQueryRecord& q)
    {
        for (std::size_t i = 0; i < q.positiveCorpusIndices.size(); ++i) {
            const std::int64_t index = q.positiveCorpusIndices[i];
            if (index < 0 || static_cast<std::size_t>(index) >= corpus.size())
                throw dataError("positives.index[" + std::to_string(i) + "]: corpus line " + std::to_string(index)
                                + " does not exist (the corpus has " + std::to_string(corpus.size()) + " records)");
            if (corpus[static_cast<std::size_t>(index)] == 0)
                throw dataError("positives.index[" + std::to_string(i) + "]: corpus record " + std::to_string(index)
                                + " was invalid and skipped");
        }
        const JobId job = m_writer.addJob(q.job);
        for (const std::int64_t index : q.positiveCorpusIndices)
            m_writer.setLabel(job, corpus[static_cast<std::size_t>(index)], 1);
    }

    ProjectWriter& m_writer;
    const ImportOptions& m_options;
};

class Importer {
public:
    Importer(ProjectStore& store, const ImportOptions& options)
        : m_db(connectionOf(store)), m_options(options), m_writer(store), m_records(m_writer, options)
    {
    }

    void run(const std::vector<std::string>& files, ImportReport& report)
    {
        for (const auto& f : files)
            m_totalBytes += fileSize(f);
        if (!m_options.corpusPath.empty())
            m_totalBytes += fileSize(m_options.corpusPath);
        // A larger page cache keeps the indexes being filled in memory instead of re-reading
        // them from the WAL; bounded (64 MiB) so peak memory stays well under 256 MiB. (A server sizes its own.)
        if (m_db.dialect() == SqlDialect::Sqlite)
            m_db.exec("PRAGMA cache_size = -65536");
        Transaction tx(m_db);
        for (const auto& file : files) {
            ImportReport::File entry;
            entry.path = file;
            entry.format = m_options.format ? *m_options.format : detectFileFormat(file);
            if (entry.format == DataFormat::RankPOEval)
                readCorpusOnce(report);
            if (entry.format == DataFormat::Csv)
                importCsv(file, entry, report);
            else
                importLines(file, makeRecordParser(entry.format, RecordParserOptions{m_options.allowUnjudged}), entry, report);
            report.files.push_back(entry);
        }
        report.counts = m_writer.counts();
        tx.commit();
    }

private:
    static std::uint64_t fileSize(const std::string& path)
    {
        // LineReader says why a file cannot be read (missing, a folder, no permission).
        return LineReader(path, 1).fileSize();
    }

    void readCorpusOnce(ImportReport& report)
    {
        if (m_corpusRead)
            return;
        if (m_options.corpusPath.empty())
            throw usageError("the rankpo-eval format needs the corpus its queries index: --corpus FILE");
        ImportReport::File entry;
        entry.path = m_options.corpusPath;
        entry.format = DataFormat::RankPOEval;
        // A skipped corpus line keeps its index (as id 0) so later indices stay aligned.
        importLines(m_options.corpusPath, makeCorpusLineParser(), entry, report, true);
        report.files.push_back(entry);
        m_corpusRead = true;
    }

    void importLines(const std::string& file, std::unique_ptr<RecordParser> parser, ImportReport::File& entry,
                     ImportReport& report, bool corpus = false)
    {
        LineReader lines(file);
        std::shared_ptr<RecordParser> shared(std::move(parser));
        auto source = [&lines, shared](ParsedItem& item) {
            std::string_view line;
            while (lines.next(line)) {
                if (blank(line))
                    continue;
                item.line = lines.lineNumber();
                try {
                    shared->parse(line, item.record);
                } catch (const RecordError& e) {
                    item.valid = false;
                    item.error = e.reason;
                }
                return true;
            }
            return false;
        };
        consume(file, source, [&lines] { return lines.bytesRead(); }, lines.fileSize(), entry, report, corpus);
    }

    void importCsv(const std::string& file, ImportReport::File& entry, ImportReport& report)
    {
        LineReader lines(file);
        CsvRecordReader reader(lines, m_options.allowUnjudged);
        auto source = [&reader](ParsedItem& item) {
            try {
                const bool more = reader.next(item.record);
                item.line = reader.recordLine();
                return more;
            } catch (const RecordError& e) {
                item.line = reader.recordLine();
                item.valid = false;
                item.error = e.reason;
                return true;
            }
        };
        consume(file, source, [&lines] { return lines.bytesRead(); }, lines.fileSize(), entry, report, false);
    }

    // Parsing runs on a second thread (ParsePipeline); this thread writes, in input order.
    void consume(const std::string& file, ParsePipeline::Source source, ParsePipeline::BytesRead bytesRead,
                 std::uint64_t fileBytes, ImportReport::File& entry, ImportReport& report, bool corpus)
    {
        const std::uint64_t base = m_doneBytes;
        ParsePipeline pipeline(std::move(source), std::move(bytesRead));
        while (ParsedBatch* batch = pipeline.next()) {
            for (std::size_t i = 0; i < batch->size; ++i) {
                const ParsedItem& item = batch->items[i];
                if (!item.valid) {
                    fail(file, item.line, item.error, entry, report);
                    if (corpus)
                        m_records.corpus.push_back(0);
                    continue;
                }
                try {
                    writeRecord(item.record);
                    ++entry.records;
                    ++report.records;
                } catch (const Error& e) {
                    if (e.kind() != ErrorKind::Data)
                        throw;
                    fail(file, item.line, e.what(), entry, report);
                    if (corpus)
                        m_records.corpus.push_back(0);
                }
            }
            progress(base + batch->bytesRead);
            pipeline.recycle(batch);
        }
        m_doneBytes = base + fileBytes;
        progress(m_doneBytes);
    }

    // With --skip-invalid each record is written under a savepoint, so a record that fails halfway
    // (an id conflict found after its job was added) leaves nothing behind.
    void writeRecord(const ParsedRecord& record)
    {
        if (!m_options.skipInvalid) {
            m_records.write(record);
            return;
        }
        m_db.exec("SAVEPOINT record");
        try {
            m_records.write(record);
        } catch (...) {
            m_db.exec("ROLLBACK TO record");
            m_db.exec("RELEASE record");
            m_writer.forgetCaches();
            throw;
        }
        m_db.exec("RELEASE record");
    }

    void fail(const std::string& file, std::size_t line, const std::string& reason, ImportReport::File& entry,
              ImportReport& report)
    {
        if (!m_options.skipInvalid)
            throw dataError(where(file, line) + ": " + reason);
        ++entry.skipped;
        ++report.skippedCount;
        if (report.skipped.size() < ImportReport::kMaxListedSkips)
            report.skipped.push_back({file, line, reason});
    }

    void progress(std::uint64_t done)
    {
        if (m_options.progress && !m_options.progress(done, m_totalBytes))
            throw Error(ErrorKind::Cancelled, "import cancelled; nothing was written");
    }

    Connection& m_db;
    const ImportOptions& m_options;
    ProjectWriter m_writer;
    RecordWriter m_records;
    bool m_corpusRead = false;
    std::uint64_t m_totalBytes = 0;
    std::uint64_t m_doneBytes = 0;
};

} // namespace

DataFormat detectFileFormat(const std::string& path)
{
    LineReader lines(path, 1u << 16);
    std::string_view line;
    while (lines.next(line)) {
        if (blank(line))
            continue;
        std::string why;
        if (auto format = detectFormat(line, path, &why))
            return *format;
        throw dataError(where(path, lines.lineNumber()) + ": cannot tell the format: the first record is " + why
                        + " (use --format with one of: " + formatNameList() + ")");
    }
    throw dataError(path + ": the file holds no records");
}

ImportReport importFiles(ProjectStore& store, const std::vector<std::string>& files, const ImportOptions& options)
{
    if (files.empty())
        throw usageError("no input files");
    ImportReport report;
    Importer importer(store, options);
    importer.run(files, report);
    return report;
}

} // namespace rankpo::db
