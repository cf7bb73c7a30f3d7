#pragma once

// Test helper (header-only, no libtorch): loads the golden values that a python3-torch reference
// script wrote under tests/reference/ (reference_tensors.h turns their tensors into torch tensors).
// When Debian's /usr/bin/python3 has torch, the script is run again into a temporary folder first
// and its output must equal the committed file, so a stale golden file cannot hide a changed
// reference.

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace rankpo::test {

inline const char* kReferencePython = "/usr/bin/python3";

inline nlohmann::json readJsonFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    return nlohmann::json::parse(in);
}

inline bool referencePythonAvailable()
{
    QProcess probe;
    probe.start(QString::fromLatin1(kReferencePython), {QStringLiteral("-c"), QStringLiteral("import torch")});
    return probe.waitForFinished(120000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0;
}

// Float32 cases go through BLAS kernels that differ between CPUs (AVX2 and AVX-512 sum in
// different orders), so a fresh run on another machine agrees with the committed values only to
// float32 precision.
inline constexpr double kFloat32Tolerance = 1e-5;

// Empty when every number in `a` and `b` agrees to `tolerance` (relative above 1; kFloat32Tolerance
// inside an object whose "dtype" is "float32") and the structures are the same; otherwise the JSON
// path of the first difference.
inline std::string firstDifference(const nlohmann::json& a, const nlohmann::json& b, double tolerance,
                                   const std::string& path = "$")
{
    if (a.is_object() && a.value("dtype", nlohmann::json()) == "float32")
        tolerance = std::max(tolerance, kFloat32Tolerance);
    if (a.is_number() && b.is_number()) {
        const double x = a.get<double>();
        const double y = b.get<double>();
        return std::abs(x - y) <= tolerance * std::max(1.0, std::abs(x)) ? "" : path;
    }
    if (a.type() != b.type())
        return path;
    if (a.is_object()) {
        if (a.size() != b.size())
            return path;
        for (auto it = a.begin(); it != a.end(); ++it) {
            if (!b.contains(it.key()))
                return path + "." + it.key();
            const std::string d = firstDifference(it.value(), b.at(it.key()), tolerance, path + "." + it.key());
            if (!d.empty())
                return d;
        }
        return "";
    }
    if (a.is_array()) {
        if (a.size() != b.size())
            return path;
        for (std::size_t i = 0; i < a.size(); ++i) {
            const std::string d = firstDifference(a[i], b[i], tolerance, path + "[" + std::to_string(i) + "]");
            if (!d.empty())
                return d;
        }
        return "";
    }
    return a == b ? "" : path;
}

struct ReferenceData {
    nlohmann::json golden;
    bool regenerated = false; // true when the script ran and agreed with the committed file
};

// script and golden are file names inside tests/reference/.
inline ReferenceData loadReference(const std::string& script, const std::string& golden)
{
    const std::string dir = std::string(RANKPO_SOURCE_DIR) + "/tests/reference/";
    ReferenceData data;
    data.golden = readJsonFile(dir + golden);
    if (!referencePythonAvailable())
        return data;
    QTemporaryDir tmp;
    if (!tmp.isValid())
        throw std::runtime_error("cannot create a temporary folder");
    const QString out = tmp.filePath(QStringLiteral("golden.json"));
    QProcess run;
    run.setProcessChannelMode(QProcess::MergedChannels);
    run.start(QString::fromLatin1(kReferencePython),
              {QString::fromStdString(dir + script), QStringLiteral("--output"), out});
    if (!run.waitForFinished(300000) || run.exitStatus() != QProcess::NormalExit || run.exitCode() != 0)
        throw std::runtime_error(script + " failed: " + run.readAll().toStdString());
    const nlohmann::json fresh = readJsonFile(out.toStdString());
    const std::string diff = firstDifference(fresh, data.golden, 1e-12);
    if (!diff.empty())
        throw std::runtime_error(golden + " is stale: it differs from a fresh run of " + script + " at " + diff
                                 + " (regenerate it with /usr/bin/python3 tests/reference/" + script + ")");
    data.regenerated = true;
    return data;
}

// The case called `name` in the array `cases`.
inline const nlohmann::json& caseNamed(const nlohmann::json& cases, const std::string& name)
{
    for (const auto& c : cases)
        if (c.at("name") == name)
            return c;
    throw std::runtime_error("the golden file has no case " + name);
}

} // namespace rankpo::test
