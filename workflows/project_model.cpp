#include "workflows/project_model.h"

#include "core/model/model_folder.h"
#include "db/model_registry.h"
#include "db/project_model_resolver.h"
#include "db/project_store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <thread>

namespace rankpo::workflows {

ModelEntry resolveProjectModel(db::ProjectStore& store, const std::string& nameOrFolder)
{
    ModelEntry entry = db::projectModelCatalog(store).resolve(nameOrFolder);
    if (entry.origin == "folder") {
        entry.folder = std::filesystem::absolute(entry.folder).lexically_normal();
        std::string name = entry.folder.string();
        while (name.size() > 1 && name.back() == '/')
            name.pop_back();
        entry.name = name;
    }
    return entry;
}

int retrievalThreads(int requested)
{
    return requested > 0 ? requested : int(std::max(1u, std::thread::hardware_concurrency()));
}

TextEncoderOptions encoderOptions(const EncodingOptions& options)
{
    TextEncoderOptions o;
    o.device = options.device;
    o.threads = options.threads;
    o.batchSize = options.batchSize;
    o.dtype = options.dtype;
    o.gradientCheckpointing = options.gradientCheckpointing;
    return o;
}

std::unique_ptr<TextEncoder> openModel(const ModelEntry& model, const EncodingOptions& options)
{
    return TextEncoder::open(model.folder, encoderOptions(options));
}

void recordModelUse(db::ProjectStore& store, const ModelEntry& model, const std::string& identity)
{
    db::ModelRegistry registry(store);
    db::ModelRecord record;
    if (auto known = registry.find(model.name)) {
        if (known->identity == identity)
            return;
        record = *known; // a trainer's kind, base model and info stay
    } else {
        const ModelFolder folder = ModelFolder::open(model.folder);
        record.name = model.name;
        record.kind = model.origin == "built-in" ? "pretrained" : model.origin == "run" ? "run" : "folder";
        nlohmann::json info;
        info["dim"] = folder.config.hiddenSize;
        info["pooling"] = poolingName(folder.pooling);
        info["max_length"] = folder.maxSeqLength;
        record.infoJson = info.dump();
    }
    // A built-in model is found by name on any machine; its folder here would go stale elsewhere.
    record.path = record.kind == "pretrained" ? std::string()
                                              : std::filesystem::absolute(model.folder).lexically_normal().string();
    record.identity = identity;
    registry.upsert(record);
}

} // namespace rankpo::workflows
