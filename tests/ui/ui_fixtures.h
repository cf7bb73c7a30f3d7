#pragma once

// Small projects with exactly known contents for the studio's tests, and settings kept apart from
// the user's.
#include "core/domain/preference.h"
#include "db/project_store.h"
#include "db/store_access.h"
#include "db/project_writer.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rankpo::test {

// QSettings of the test go to a temporary folder (never the user's ~/.config).
inline void isolateSettings(const QTemporaryDir& dir)
{
    QCoreApplication::setOrganizationName(QStringLiteral("RankPO-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("studio-tests"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    QSettings().clear();
}

struct Judgement {
    PreferenceSource source;
    std::string annotator;
    bool firstIsLo;      // shown order
    Choice choice;
    std::optional<int> confidence;
    std::string rationale = {};
};

// Builds a project with ProjectWriter, like an import would.
class ProjectBuilder {
    template <typename F>
    auto write(F f)
    {
        db::Transaction tx(rankpo::db::connectionOf(*m_store));
        db::ProjectWriter writer(*m_store);
        auto result = f(writer);
        tx.commit();
        return result;
    }

public:
    explicit ProjectBuilder(const std::string& path)
        : m_store(db::ProjectStore::open(path, db::ProjectStore::OpenMode::Create))
    {
    }

    db::ProjectStore& store() { return *m_store; }

    JobId job(const std::string& text, const std::string& externalId = {})
    {
        return write([&](db::ProjectWriter& w) { return w.addJob(text, externalId); });
    }
    CandidateId candidate(const std::string& text, const std::string& externalId = {})
    {
        return write([&](db::ProjectWriter& w) { return w.addCandidate(text, externalId); });
    }
    PairId pair(JobId job, CandidateId a, CandidateId b, const std::vector<Judgement>& judgements = {})
    {
        return write([&](db::ProjectWriter& w) {
            const PairId id = w.addPair(job, a, b);
            const CandidateId lo = std::min(a, b), hi = std::max(a, b);
            for (const auto& j : judgements) {
                db::NewPreference p;
                p.pairId = id;
                p.source = j.source;
                p.annotator = j.annotator;
                p.shownFirst = j.firstIsLo ? lo : hi;
                p.choice = j.choice;
                p.confidence = j.confidence;
                p.rationale = j.rationale;
                w.addPreference(p);
            }
            return id;
        });
    }
    void score(const std::string& model, JobId job, CandidateId candidate, double score)
    {
        auto st = rankpo::db::connectionOf(*m_store).prepare("INSERT INTO model_scores(model, job_id, candidate_id, score) VALUES (?, ?, ?, ?)");
        st.bind(1, model).bind(2, job).bind(3, candidate).bind(4, score).run();
    }
    // Closes the connection (the file is complete on disk).
    void close() { m_store.reset(); }

private:
    std::unique_ptr<db::ProjectStore> m_store;
};

inline std::int64_t countRows(db::ProjectStore& store, const std::string& sql)
{
    auto st = rankpo::db::connectionOf(store).prepare(sql);
    st.step();
    return st.int64(0);
}

} // namespace rankpo::test
