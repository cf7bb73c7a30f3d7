#include "db/parse_pipeline.h"

namespace rankpo::db {

ParsePipeline::ParsePipeline(Source source, BytesRead bytesRead)
    : m_source(std::move(source)), m_bytesRead(std::move(bytesRead))
{
    for (std::size_t i = 0; i < kBatches; ++i) {
        m_storage.push_back(std::make_unique<ParsedBatch>());
        m_storage.back()->items.resize(kItems);
        m_free.push_back(m_storage.back().get());
    }
    m_thread = std::thread([this] { produce(); });
}

ParsePipeline::~ParsePipeline()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void ParsePipeline::produce()
{
    try {
        for (;;) {
            ParsedBatch* batch = nullptr;
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_changed.wait(lock, [&] { return m_stop || !m_free.empty(); });
                if (m_stop)
                    return;
                batch = m_free.front();
                m_free.pop_front();
            }
            batch->size = 0;
            batch->arena.clear();
            bool more = true;
            while (batch->size < kItems && batch->arena.bytes() < kArenaBytes && !m_stop) {
                ParsedItem& item = batch->items[batch->size];
                item.record.clear();
                item.valid = true;
                item.error.clear();
                more = m_source(item);
                if (!more)
                    break;
                if (item.valid)
                    relocate(item.record, batch->arena);
                ++batch->size;
            }
            batch->bytesRead = m_bytesRead();
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                if (batch->size > 0)
                    m_full.push_back(batch);
                else
                    m_free.push_back(batch);
                if (!more)
                    m_done = true;
            }
            m_changed.notify_all();
            if (!more)
                return;
        }
    } catch (...) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_error = std::current_exception();
        m_done = true;
        m_changed.notify_all();
    }
}

ParsedBatch* ParsePipeline::next()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [&] { return !m_full.empty() || m_done; });
    if (!m_full.empty()) {
        ParsedBatch* batch = m_full.front();
        m_full.pop_front();
        return batch;
    }
    // Records parsed before a fatal error were all handed out first; now report it.
    if (m_error)
        std::rethrow_exception(m_error);
    return nullptr;
}

void ParsePipeline::recycle(ParsedBatch* batch)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_free.push_back(batch);
    }
    m_changed.notify_all();
}

} // namespace rankpo::db
