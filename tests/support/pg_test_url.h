#pragma once

// The URL of the throw-away PostgreSQL cluster that the `pg_cluster` ctest fixture started
// (tests/support/pg_test_cluster.sh), with a project name of the test's own. Empty when no cluster runs (no
// server binaries, or the test was started outside ctest without one): the PostgreSQL tests then QSKIP.
#include <QCoreApplication>
#include <QtTest>

#include <atomic>
#include <fstream>
#include <string>
#include <unistd.h>

namespace rankpo::test {

inline std::string pgClusterUrl()
{
    std::ifstream in(RANKPO_BINARY_DIR "/pg_test_cluster.url");
    std::string url;
    std::getline(in, url);
    return url;
}

// A project URL that no other test, and no earlier run against the same cluster, has used.
inline std::string pgProjectUrl(const std::string& base, const std::string& name)
{
    static std::atomic<int> counter{0};
    return base + "?project=" + name + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

} // namespace rankpo::test

// In a test slot: skips (not fails) when there is no cluster to test against.
#define RANKPO_REQUIRE_PG_CLUSTER(var)                                                                              \
    const std::string var = rankpo::test::pgClusterUrl();                                                          \
    if (var.empty())                                                                                               \
        QSKIP("no PostgreSQL test cluster (tests/support/pg_test_cluster.sh found no server binaries)");
