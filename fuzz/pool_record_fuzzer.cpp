// Fuzzes the pool record readers: the bytes as a .jsonl and as a .csv pool, read to the end the way an
// importer with --skip-invalid does (record errors are skipped, file errors stop). Any input must give
// records or rankpo::Errors, never a crash, a leak, undefined behaviour or an endless loop.
#include "core/formats/pool_record_reader.h"
#include "core/util/error.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::string base = "/tmp/rankpo-pool-fuzz-" + std::to_string(::getpid());
    for (const char* ext : {".jsonl", ".csv"}) {
        const std::string path = base + ext;
        if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
            std::fwrite(data, 1, size, f);
            std::fclose(f);
        } else {
            return 0;
        }
        rankpo::PoolReaderOptions options;
        if (size > 0 && data[0] == '#') {
            options.idField = "ID";
            options.textField = "body";
        }
        try {
            rankpo::PoolRecordReader reader(path, options);
            rankpo::PoolRecord record;
            // Each next() consumes at least one line, so a file of n bytes gives at most n + 1 calls.
            for (std::size_t calls = 0;; ++calls) {
                if (calls > size + 1)
                    std::abort();
                try {
                    if (!reader.next(record))
                        break;
                    if (record.externalId.empty() || record.text.empty())
                        std::abort();
                } catch (const rankpo::PoolRecordError&) {
                }
            }
        } catch (const rankpo::Error&) {
        }
    }
    return 0;
}
