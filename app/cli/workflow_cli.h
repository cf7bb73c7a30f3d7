#pragma once

// Shared by the engine commands that run a model over a project (eval, compare, rank): the model options and a
// progress bar per stage.
#include "app/cli/terminal_progress.h"
#include "workflows/project_model.h"

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace rankpo::cli {

inline void addModelOptions(CLI::App* cmd, workflows::EncodingOptions& o, bool withModel = true)
{
    if (withModel)
        cmd->add_option("--model,-m", o.model,
                        "Model: a built-in name (see `rankpo models --project PROJECT`), a trained run's name, or a "
                        "folder")
            ->capture_default_str();
    cmd->add_option("--device", o.device, "auto, cpu or cuda")->capture_default_str()
        ->check(CLI::IsMember({"auto", "cpu", "cuda"}));
    cmd->add_option("--threads", o.threads, "CPU threads (0: all cores)")->check(CLI::NonNegativeNumber);
    cmd->add_option("--batch-size", o.batchSize, "Texts per forward pass")->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_option("--max-length-job", o.maxLengthJob, "Tokens per job text (0: the model's maximum, to which a larger value is cut)");
    cmd->add_option("--max-length-candidate", o.maxLengthCandidate,
                    "Tokens per candidate text (0: the model's maximum, to which a larger value is cut)");
    cmd->add_flag("--no-cache", [&o](std::int64_t) { o.useCache = false; },
                  "Neither read nor write the project's embedding cache");
}

// One bar per stage on stderr (only when it is a terminal).
class StageProgress {
public:
    workflows::WorkflowProgress callback()
    {
        return [this](const std::string& stage, std::size_t done, std::size_t total) {
            if (stage != m_stage) {
                m_bar.reset();
                m_stage = stage;
                m_bar = std::make_unique<TerminalProgress>(stage);
            }
            m_bar->update(done, total);
        };
    }
    void finish() { m_bar.reset(); }

private:
    std::string m_stage;
    std::unique_ptr<TerminalProgress> m_bar;
};

} // namespace rankpo::cli
