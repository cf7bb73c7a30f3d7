#include "core/training/trainer_checkpoint.h"

#include "core/model/encoder_model.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace rankpo {
namespace {

namespace fs = std::filesystem;

constexpr const char* kStateFile = "trainer_state.json";
constexpr const char* kOptimizerFile = "optimizer.pt";
constexpr const char* kExtraFile = "reference_scores.f32";

} // namespace

void writeCheckpoint(const fs::path& folder, const EncoderModel& model, torch::optim::Optimizer& optimizer,
                     const TrainerState& state, const std::vector<float>& extraState)
{
    const fs::path temp = folder.string() + ".part";
    std::error_code ec;
    fs::remove_all(temp, ec);
    fs::create_directories(temp, ec);
    if (ec)
        throw ioError(temp.string() + ": cannot create the checkpoint folder: " + ec.message());
    model.save(temp);
    try {
        torch::save(optimizer, (temp / kOptimizerFile).string());
    } catch (const c10::Error& e) {
        throw ioError((temp / kOptimizerFile).string() + ": cannot write the optimizer state: " + e.what_without_backtrace());
    }
    nlohmann::json j = {{"method", state.method},
                        {"epochs_completed", state.epochsCompleted},
                        {"global_step", state.globalStep},
                        {"data_hash", state.dataHash},
                        {"config", nlohmann::json::parse(state.configJson.empty() ? "{}" : state.configJson)}};
    {
        std::ofstream out(temp / kStateFile);
        out << j.dump(2) << "\n";
        if (!out)
            throw ioError((temp / kStateFile).string() + ": cannot write");
    }
    if (!extraState.empty()) {
        std::ofstream out(temp / kExtraFile, std::ios::binary);
        out.write(reinterpret_cast<const char*>(extraState.data()), std::streamsize(extraState.size() * sizeof(float)));
        if (!out)
            throw ioError((temp / kExtraFile).string() + ": cannot write");
    }
    fs::remove_all(folder, ec);
    fs::rename(temp, folder, ec);
    if (ec)
        throw ioError(folder.string() + ": cannot move the checkpoint into place: " + ec.message());
}

TrainerState readTrainerState(const fs::path& folder)
{
    const fs::path path = folder / kStateFile;
    std::ifstream in(path);
    if (!in)
        throw dataError(folder.string() + ": not a training checkpoint (no " + kStateFile + ")");
    try {
        const auto j = nlohmann::json::parse(in);
        TrainerState s;
        s.method = j.at("method").get<std::string>();
        s.epochsCompleted = j.at("epochs_completed").get<int>();
        s.globalStep = j.at("global_step").get<std::int64_t>();
        s.dataHash = j.at("data_hash").get<std::string>();
        s.configJson = j.at("config").dump();
        if (s.epochsCompleted < 0 || s.globalStep < 0)
            throw dataError(path.string() + ": negative epoch or step");
        return s;
    } catch (const nlohmann::json::exception& e) {
        throw dataError(path.string() + ": " + e.what());
    }
}

void loadOptimizerState(torch::optim::Optimizer& optimizer, const fs::path& folder)
{
    const fs::path path = folder / kOptimizerFile;
    if (!fs::exists(path))
        throw dataError(folder.string() + ": the checkpoint has no optimizer state (" + kOptimizerFile + ")");
    try {
        torch::load(optimizer, path.string());
    } catch (const c10::Error& e) {
        throw dataError(path.string() + ": cannot read the optimizer state: " + e.what_without_backtrace());
    }
}

std::vector<float> readExtraState(const fs::path& folder)
{
    const fs::path path = folder / kExtraFile;
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        return {};
    const auto bytes = static_cast<std::size_t>(in.tellg());
    if (bytes % sizeof(float) != 0)
        throw dataError(path.string() + ": truncated (" + std::to_string(bytes) + " bytes)");
    std::vector<float> values(bytes / sizeof(float));
    in.seekg(0);
    in.read(reinterpret_cast<char*>(values.data()), std::streamsize(bytes));
    return values;
}

bool isTrainerCheckpoint(const fs::path& folder)
{
    return fs::exists(folder / kStateFile) && fs::exists(folder / "config.json");
}

} // namespace rankpo
