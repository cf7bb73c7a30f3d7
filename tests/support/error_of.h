#pragma once

// The message of the rankpo::Error that `f` throws, or an empty string when it throws none: for tests that
// check what a user would read.
#include "core/util/error.h"

#include <QString>

#include <utility>

namespace rankpo::test {

template <typename F>
QString errorOf(F&& f)
{
    try {
        std::forward<F>(f)();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace rankpo::test
