#pragma once

#include "core/formats/import_records.h"
#include "core/formats/record_arena.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace rankpo::db {

// One parsed input record: valid (record) or not (error), with the line it started on.
struct ParsedItem {
    std::size_t line = 0;
    bool valid = true;
    std::string error;
    ParsedRecord record;
};

struct ParsedBatch {
    std::vector<ParsedItem> items;
    std::size_t size = 0;
    std::uint64_t bytesRead = 0; // of the input, after this batch
    RecordArena arena;
};

// Parses on a second thread while the caller writes to SQLite: reading, JSON parsing and UTF-8
// validation overlap with the database work. Batches are recycled, so memory stays bounded by
// kBatches x (kItems records or kArenaBytes of text).
class ParsePipeline {
public:
    // Fills `item` with the next record and returns true, or returns false at the end. A
    // RecordError is caught by the source itself (item.valid = false); anything else it throws
    // ends the pipeline and is rethrown by next().
    using Source = std::function<bool(ParsedItem& item)>;
    using BytesRead = std::function<std::uint64_t()>;

    ParsePipeline(Source source, BytesRead bytesRead);
    ~ParsePipeline();
    ParsePipeline(const ParsePipeline&) = delete;
    ParsePipeline& operator=(const ParsePipeline&) = delete;

    // The next full batch, or nullptr at the end. Give it back with recycle().
    ParsedBatch* next();
    void recycle(ParsedBatch* batch);

private:
    static constexpr std::size_t kBatches = 4;
    static constexpr std::size_t kItems = 256;
    static constexpr std::size_t kArenaBytes = 8u << 20;

    void produce();

    Source m_source;
    BytesRead m_bytesRead;
    std::vector<std::unique_ptr<ParsedBatch>> m_storage;
    std::deque<ParsedBatch*> m_free, m_full;
    bool m_done = false;
    std::exception_ptr m_error;
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::thread m_thread;
};

} // namespace rankpo::db
