#pragma once

// Runs the built `rankpo` and captures its exit code and output.
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QtTest>

namespace rankpo::test {

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

inline CliResult runRankpo(const QStringList& args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(QStringLiteral(RANKPO_BINARY_DIR "/bin/rankpo"), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-2, {}, QStringLiteral("timed out")};
    }
    CliResult r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace rankpo::test
