#include "core/documents/pool_source.h"

#include "core/documents/document_error.h"
#include "core/util/error.h"

namespace rankpo {

PoolSource::PoolSource(const std::vector<std::string>& paths, PoolSourceOptions options)
    : m_options(std::move(options)), m_entries(DocumentScanner(ScanOptions{m_options.recursive}).scan(paths))
{
    for (const ScanEntry& e : m_entries)
        m_bytesTotal += e.size;
}

PoolSource::~PoolSource() = default;

std::size_t PoolSource::documentCount() const
{
    std::size_t n = 0;
    for (const ScanEntry& e : m_entries)
        n += e.kind != ScanEntryKind::Unsupported;
    return n;
}

std::uint64_t PoolSource::bytesDone() const
{
    return m_bytesDone + (m_records ? m_records->bytesRead() : 0);
}

PoolSource::Item PoolSource::next(PoolText& text, PoolSkip& skip)
{
    if (m_records)
        return nextRecord(text, skip);
    if (m_next >= m_entries.size())
        return Item::End;
    const ScanEntry& entry = m_entries[m_next++];
    skip = PoolSkip{entry.path, {}, false};
    switch (entry.kind) {
    case ScanEntryKind::Unsupported:
        m_bytesDone += entry.size;
        skip.message = entry.path + ": " + entry.reason;
        skip.unsupported = true;
        return Item::Unsupported;
    case ScanEntryKind::RecordPool:
        try {
            m_records = std::make_unique<PoolRecordReader>(entry.path, m_options.records);
        } catch (const Error& e) {
            m_bytesDone += entry.size;
            skip.message = e.what();
            return Item::Invalid;
        }
        m_recordEntry = &entry;
        return nextRecord(text, skip);
    case ScanEntryKind::Document:
        break;
    }
    try {
        ExtractedDocument doc = m_extractor.extract(entry.path, m_options.extract, entry.path);
        text = PoolText{};
        text.externalId = entry.externalId;
        text.text = std::move(doc.text);
        text.sourceFormat = std::string(documentFormatName(doc.format));
        text.file = entry.path;
        text.warnings = std::move(doc.warnings);
        m_bytesDone += entry.size;
        return Item::Text;
    } catch (const Error& e) {
        // DocumentError names the file first; other errors (out of memory in a library) are the file's too.
        m_bytesDone += entry.size;
        const std::string what = e.what();
        skip.message = what.rfind(entry.path, 0) == 0 ? what : entry.path + ": " + what;
        return Item::Invalid;
    }
}

PoolSource::Item PoolSource::nextRecord(PoolText& text, PoolSkip& skip)
{
    const ScanEntry& entry = *m_recordEntry;
    skip = PoolSkip{entry.path, {}, false};
    PoolRecord record;
    try {
        if (m_records->next(record)) {
            text = PoolText{};
            text.externalId = std::move(record.externalId);
            text.text = std::move(record.text);
            text.sourceFormat = poolFileFormatForPath(entry.path) == PoolFileFormat::Csv ? "csv" : "jsonl";
            text.facts = std::move(record.facts);
            text.file = entry.path;
            text.line = record.line;
            return Item::Text;
        }
    } catch (const PoolRecordError& e) {
        skip.message = e.what(); // the record is consumed: reading goes on with the next one
        return Item::Invalid;
    } catch (const Error& e) {
        // The file itself (a header without the id column): every later read would fail the same way.
        skip.message = e.what();
        m_records.reset();
        m_bytesDone += entry.size;
        return Item::Invalid;
    }
    m_records.reset();
    m_bytesDone += entry.size;
    return next(text, skip);
}

} // namespace rankpo
