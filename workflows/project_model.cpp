#include "workflows/project_model.h"

#include "db/model_registry.h"
#include "db/project_model_resolver.h"
#include "db/project_store.h"

#include <nlohmann/json.hpp>

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

std::unique_ptr<TextEncoder> openModel(const ModelEntry& model, const EncodingOptions& options)
{
    TextEncoderOptions o;
    o.device = options.device;
    o.threads = options.threads;
    o.batchSize = options.batchSize;
    return TextEncoder::open(model.folder, o);
}

void recordModelUse(db::ProjectStore& store, const ModelEntry& model, const TextEncoder& encoder)
{
    db::ModelRegistry registry(store.database());
    db::ModelRecord record;
    if (auto known = registry.find(model.name)) {
        if (known->identity == encoder.modelIdentity())
            return;
        record = *known; // a trainer's kind, base model and info stay
    } else {
        record.name = model.name;
        record.kind = model.origin == "built-in" ? "pretrained" : model.origin == "run" ? "run" : "folder";
        nlohmann::json info;
        info["dim"] = encoder.dim();
        info["pooling"] = poolingName(encoder.pooling());
        info["max_length"] = encoder.maxLength();
        record.infoJson = info.dump();
    }
    // A built-in model is found by name on any machine; its folder here would go stale elsewhere.
    record.path = record.kind == "pretrained" ? std::string()
                                              : std::filesystem::absolute(model.folder).lexically_normal().string();
    record.identity = encoder.modelIdentity();
    registry.upsert(record);
}

} // namespace rankpo::workflows
