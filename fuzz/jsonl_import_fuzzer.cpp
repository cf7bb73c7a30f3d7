// Fuzzes the importer end to end: bytes -> file -> format detection -> parsers -> project store.
// Any input must give records or clear errors, never a crash, a leak or an out-of-bounds read.
#include "core/util/error.h"
#include "db/import_files.h"
#include "db/project_store.h"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::string path = "/tmp/rankpo-fuzz-" + std::to_string(::getpid()) + ".jsonl";
    if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
        std::fwrite(data, 1, size, f);
        std::fclose(f);
    } else {
        return 0;
    }
    // One in-memory project for many inputs (creating one runs every migration), renewed now and then
    // so that memory stays bounded.
    static std::unique_ptr<rankpo::db::ProjectStore> store;
    static int uses = 0;
    if (!store || ++uses % 500 == 0)
        store = rankpo::db::ProjectStore::open(":memory:", rankpo::db::ProjectStore::OpenMode::OpenOrCreate);
    for (bool skipInvalid : {false, true}) {
        rankpo::db::ImportOptions options;
        options.skipInvalid = skipInvalid;
        try {
            rankpo::db::importFiles(*store, {path}, options);
        } catch (const rankpo::Error&) {
            // A clear error is a fine answer to bad input.
        }
    }
    return 0;
}
