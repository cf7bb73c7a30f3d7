#pragma once

// The demo pipeline: the paper's experiment on the built-in demo corpus, end to end.
//   demo project -> split -> evaluate the pretrained base -> stage 1 (contrastive) -> evaluate ->
//   RankPO and SFT from stage 1 with the same budget -> evaluate -> report.json + CSV tables.
// No torch in this header: the CLI (`rankpo demo`) and the app call it.
#include "core/training/training_progress.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>

namespace rankpo::workflows {

struct DemoPipelineOptions {
    std::filesystem::path outDir;  // demo.rankpo, its runs, report.json and the CSV tables go here
    bool quick = false;            // the 15-minute version on 2 CPU cores (smaller budget)
    std::string baseModel = "default";
    std::string device = "auto";
    int threads = 0;
    std::uint64_t seed = 42;
    std::function<void(const std::string& stage)> onStage;          // "evaluate base", "train stage1", ...
    std::function<void(const TrainingProgress&)> onTrainingProgress; // the trainer's steps
    const std::atomic<bool>* cancel = nullptr;
};

// Runs the pipeline and writes outDir/report.json:
//   {"models": [{"name": "base"|"stage1"|"rankpo"|"sft", "nDCG@20", "MRR@20", "Recall@20",
//                "alignment_ai", "alignment_ai_ci": [lo, hi], "alignment_ai_pairs", "run", ...}, ...],
//    "shape": {the paper's findings, checked on the held-out split}, "config": {...}, "seconds": ...}
// plus models.csv (one row per model) and training.csv (every logged step of every run).
// Returns the report. Throws rankpo::Error (Cancelled) when cancelled.
nlohmann::ordered_json runDemoPipeline(const DemoPipelineOptions& options);

} // namespace rankpo::workflows
