#include "app/cli/command.h"

#include <algorithm>
#include <vector>

namespace rankpo::cli {
namespace {

struct Entry {
    int order;
    std::string name;
    CommandSetup setup;
};

std::vector<Entry>& registry()
{
    static std::vector<Entry> entries;
    return entries;
}

} // namespace

bool registerCommand(int order, std::string name, CommandSetup setup)
{
    registry().push_back({order, std::move(name), std::move(setup)});
    return true;
}

void setupAllCommands(CLI::App& root)
{
    auto entries = registry();
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.order != b.order ? a.order < b.order : a.name < b.name;
    });
    for (auto& e : entries)
        e.setup(root);
}

} // namespace rankpo::cli
