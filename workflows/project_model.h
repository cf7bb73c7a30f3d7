#pragma once

// Choosing and loading a model inside a project, shared by the project workflows.
#include "core/model/model_resolver.h"
#include "core/model/text_encoder.h"

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace rankpo::db {
class ProjectStore;
}

namespace rankpo::workflows {

// (stage, done, total), called from the working thread; stages below.
using WorkflowProgress = std::function<void(const std::string& stage, std::size_t done, std::size_t total)>;
inline constexpr const char* kStageEmbedJobs = "embed jobs";
inline constexpr const char* kStageEmbedCandidates = "embed candidates";
inline constexpr const char* kStageRank = "rank";
inline constexpr const char* kStageStore = "store";

// How a workflow runs its model.
struct EncodingOptions {
    std::string model = "default";    // a built-in name, a project model or run name, or a folder
    std::string device = "auto";      // auto | cpu | cuda
    int threads = 0;                  // 0: every core
    std::size_t batchSize = 32;
    std::size_t maxLengthJob = 0;     // tokens per job text; 0 or above the model's maximum: that maximum
    std::size_t maxLengthCandidate = 0;
    std::string dtype = "auto";       // parameter dtype: auto (float32 on the CPU, bf16 decoders on CUDA) | float32 | ...
    bool gradientCheckpointing = false; // training decoders: recompute each layer in backward
    bool useCache = true;             // the project's embedding cache
    WorkflowProgress progress;
    const std::atomic<bool>* cancel = nullptr; // checked between batches and stages
};

// The model a name or folder stands for in the project (db::projectModelCatalog). A folder is named by its
// absolute path, so that evaluations of the same folder given differently find each other. Unknown names are a
// usage error that lists the known ones.
ModelEntry resolveProjectModel(db::ProjectStore& store, const std::string& nameOrFolder);

// libtorch threads for exact retrieval: the number asked for, or every core (libtorch starts with one, and a
// workflow with a warm cache never loads the model that would set it).
int retrievalThreads(int requested);

// The encoder options (device, threads, batch size) of a workflow's options.
TextEncoderOptions encoderOptions(const EncodingOptions& options);
std::unique_ptr<TextEncoder> openModel(const ModelEntry& model, const EncodingOptions& options);

// Records a model the project has used in its ModelRegistry (name, kind, folder, identity, dimension, pooling,
// maximum length), keeping what a trainer registered about it (kind, base model, info).
void recordModelUse(db::ProjectStore& store, const ModelEntry& model, const std::string& identity);

} // namespace rankpo::workflows
