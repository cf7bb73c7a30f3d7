#include "workflows/engine.h"

#include "core/util/error.h"

#include <dlfcn.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>

namespace rankpo::workflows {
namespace {

constexpr const char* kModuleName = "librankpo-workflows.so";
constexpr const char* kEntryPoint = "rankpo_engine";
using EntryPoint = Engine* (*)(unsigned long long abiFingerprint);

std::atomic<Engine*> g_engine{nullptr};
std::mutex g_loading;

std::filesystem::path executableFolder()
{
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::current_path() : exe.parent_path();
}

std::vector<std::filesystem::path> candidates()
{
    std::vector<std::filesystem::path> out;
    if (const char* env = std::getenv("RANKPO_ENGINE_MODULE"); env && *env)
        out.emplace_back(env);
    const auto here = executableFolder();
    out.push_back(here / kModuleName);
    out.push_back(here / ".." / "lib" / "rankpo" / kModuleName);
    out.push_back(here / ".." / "lib" / kModuleName);
    return out;
}

Engine* load()
{
    std::string tried;
    for (const auto& path : candidates()) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) {
            tried += "\n  " + path.lexically_normal().string() + ": not there";
            continue;
        }
        // Local symbols: the module's own copies of core and db stay its own.
        void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            tried += "\n  " + path.lexically_normal().string() + ": " + ::dlerror();
            continue;
        }
        auto entry = reinterpret_cast<EntryPoint>(::dlsym(handle, kEntryPoint));
        Engine* engine = entry ? entry(kEngineAbiFingerprint) : nullptr;
        if (!engine) {
            tried += "\n  " + path.lexically_normal().string()
                + (entry ? ": built for another version of the program" : ": not a RankPO engine module");
            ::dlclose(handle);
            continue;
        }
        return engine; // never unloaded: libtorch's threads outlive any caller
    }
    throw ioError(std::string("cannot load the model engine (") + kModuleName + "); looked in:" + tried);
}

} // namespace

Engine& engine()
{
    if (Engine* loaded = g_engine.load(std::memory_order_acquire))
        return *loaded;
    std::lock_guard<std::mutex> lock(g_loading);
    if (Engine* loaded = g_engine.load(std::memory_order_acquire))
        return *loaded;
    Engine* loaded = load();
    g_engine.store(loaded, std::memory_order_release);
    return *loaded;
}

bool engineLoaded()
{
    return g_engine.load(std::memory_order_acquire) != nullptr;
}

} // namespace rankpo::workflows
