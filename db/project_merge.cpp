#include "db/project_merge.h"

#include "core/util/error.h"
#include "db/project_store.h"
#include "db/store_access.h"
#include "db/team_rights.h"

#include <unordered_map>

namespace rankpo::db {
namespace {

using IdMap = std::unordered_map<std::int64_t, std::int64_t>;

std::int64_t mapped(const IdMap& map, std::int64_t id, const char* what)
{
    const auto it = map.find(id);
    if (it == map.end())
        throw dataError(std::string("merge: a row refers to ") + what + " " + std::to_string(id)
                        + ", which the source project does not have");
    return it->second;
}

// Copies column `from` of a source row into parameter `to` of a destination statement, NULL as NULL. The
// columns' kinds are the schema's (both engines store the same types).
enum class Kind { Int, Real, Text, Blob };

void copy(const Statement& row, int from, Statement& into, int to, Kind kind)
{
    if (row.isNull(from)) {
        into.bindNull(to);
        return;
    }
    switch (kind) {
    case Kind::Int: into.bind(to, row.int64(from)); break;
    case Kind::Real: into.bind(to, row.real(from)); break;
    case Kind::Text: into.bind(to, row.textView(from)); break;
    case Kind::Blob: {
        const std::string_view bytes = row.blobView(from);
        into.bindBlob(to, bytes.data(), bytes.size());
        break;
    }
    }
}

// A statement that returns one id, or none.
std::optional<std::int64_t> stepId(Statement& st)
{
    std::optional<std::int64_t> id;
    if (st.step())
        id = st.int64(0);
    st.reset();
    return id;
}

class Merger {
public:
    Merger(Connection& from, Connection& to, bool keepIds) : m_from(from), m_to(to), m_keepIds(keepIds) {}

    MergeReport run()
    {
        texts("jobs", "id, content_hash, text, external_id, title, institution, location, contract, salary, "
                      "closing_date, split, created_at, source_format",
              {Kind::Blob, Kind::Text, Kind::Text, Kind::Text, Kind::Text, Kind::Text, Kind::Text, Kind::Text,
               Kind::Text, Kind::Text, Kind::Int, Kind::Text},
              m_jobs, m_report.jobs, true);
        texts("candidates", "id, content_hash, text, external_id, keywords, titles, abstracts, created_at, "
                            "source_format, sections",
              {Kind::Blob, Kind::Text, Kind::Text, Kind::Text, Kind::Text, Kind::Text, Kind::Int, Kind::Text,
               Kind::Text},
              m_candidates, m_report.candidates, false);
        externalIds();
        pairs();
        preferences();
        labels();
        assignments();
        adjudications();
        teamMembers();
        return m_report;
    }

private:
    // Jobs and candidates: one per content hash. `columns` starts with id, then the columns `kinds` describes.
    void texts(const std::string& table, const std::string& columns, const std::vector<Kind>& kinds, IdMap& map,
               MergeCounts& counts, bool withSplit)
    {
        const std::string insertColumns = m_keepIds ? columns : columns.substr(columns.find(',') + 2);
        const std::size_t n = kinds.size() + (m_keepIds ? 1 : 0);
        std::string params;
        for (std::size_t i = 1; i <= n; ++i)
            params += (i > 1 ? ", ?" : "?");
        auto find = m_to.prepare("SELECT id" + std::string(withSplit ? ", split" : "") + " FROM " + table
                                 + " WHERE content_hash = ?");
        auto insert = m_to.prepare("INSERT INTO " + table + " (" + insertColumns + ") VALUES (" + params + ") RETURNING id");
        auto setSplit = m_to.prepare("UPDATE jobs SET split = ? WHERE id = ?");
        auto rows = m_from.prepare("SELECT " + columns + " FROM " + table + " ORDER BY id");
        const int splitColumn = 10; // jobs: id, content_hash, ..., split
        while (rows.step()) {
            const std::int64_t sourceId = rows.int64(0);
            const std::string_view hash = rows.blobView(1);
            find.bindBlob(1, hash.data(), hash.size());
            if (find.step()) {
                const std::int64_t id = find.int64(0);
                if (withSplit && !rows.isNull(splitColumn)) {
                    if (find.isNull(1)) {
                        setSplit.bind(1, rows.textView(splitColumn)).bind(2, id).run();
                        ++m_report.splitsSet;
                    } else if (find.textView(1) != rows.textView(splitColumn)) {
                        ++m_report.splitConflicts;
                    }
                }
                find.reset();
                map.emplace(sourceId, id);
                ++counts.present;
                continue;
            }
            find.reset();
            int to = 1;
            if (m_keepIds)
                insert.bind(to++, sourceId);
            for (std::size_t c = 0; c < kinds.size(); ++c)
                copy(rows, static_cast<int>(c) + 1, insert, to++, kinds[c]);
            map.emplace(sourceId, *stepId(insert));
            ++counts.added;
        }
    }

    void externalIds()
    {
        auto owner = m_to.prepare("SELECT entity_id FROM external_ids WHERE kind = ? AND external_id = ?");
        auto insert = m_to.prepare("INSERT INTO external_ids (kind, external_id, entity_id) VALUES (?, ?, ?)");
        auto rows = m_from.prepare("SELECT kind, external_id, entity_id FROM external_ids ORDER BY kind, external_id");
        while (rows.step()) {
            const bool job = rows.textView(0) == "job";
            const std::int64_t entity = mapped(job ? m_jobs : m_candidates, rows.int64(2), job ? "job" : "candidate");
            owner.bind(1, rows.textView(0)).bind(2, rows.textView(1));
            const auto existing = stepId(owner);
            if (existing) {
                if (*existing == entity)
                    ++m_report.externalIds.present;
                else
                    ++m_report.idConflicts;
                continue;
            }
            insert.bind(1, rows.textView(0)).bind(2, rows.textView(1)).bind(3, entity).run();
            ++m_report.externalIds.added;
        }
    }

    void pairs()
    {
        auto find = m_to.prepare("SELECT id FROM pairs WHERE job_id = ? AND candidate_lo = ? AND candidate_hi = ?");
        const std::string columns = "job_id, candidate_lo, candidate_hi, created_at, made_by, strategy, rank_lo, "
                                    "rank_hi, score_lo, score_hi";
        auto insert = m_to.prepare(m_keepIds
                                       ? "INSERT INTO pairs (id, " + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
                                       : "INSERT INTO pairs (" + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
        auto rows = m_from.prepare("SELECT id, " + columns + " FROM pairs ORDER BY id");
        while (rows.step()) {
            const std::int64_t job = mapped(m_jobs, rows.int64(1), "job");
            std::int64_t lo = mapped(m_candidates, rows.int64(2), "candidate");
            std::int64_t hi = mapped(m_candidates, rows.int64(3), "candidate");
            // The destination's ids may order the two candidates the other way: the lower id is always first, and
            // each candidate's rank and score go with it.
            const bool swapped = lo > hi;
            if (swapped)
                std::swap(lo, hi);
            find.bind(1, job).bind(2, lo).bind(3, hi);
            if (const auto existing = stepId(find)) {
                m_pairs.emplace(rows.int64(0), *existing);
                ++m_report.pairs.present;
                continue;
            }
            int to = 1;
            if (m_keepIds)
                insert.bind(to++, rows.int64(0));
            insert.bind(to++, job);
            insert.bind(to++, lo);
            insert.bind(to++, hi);
            copy(rows, 4, insert, to++, Kind::Int);
            copy(rows, 5, insert, to++, Kind::Text);
            copy(rows, 6, insert, to++, Kind::Text);
            copy(rows, swapped ? 8 : 7, insert, to++, Kind::Int);
            copy(rows, swapped ? 7 : 8, insert, to++, Kind::Int);
            copy(rows, swapped ? 10 : 9, insert, to++, Kind::Real);
            copy(rows, swapped ? 9 : 10, insert, to++, Kind::Real);
            m_pairs.emplace(rows.int64(0), *stepId(insert));
            ++m_report.pairs.added;
        }
    }

    void preferences()
    {
        // The unique keys (pair, source, annotator, shown first, choice; the client id) decide what is already
        // there. Judge-run records stay with the project that ran the judge: the copy's judge_run_id is NULL, as for an import.
        const std::string columns = "pair_id, source, annotator, shown_first, choice, confidence, rationale, "
                                    "created_at, response, usage, seconds, client_id";
        auto insert = m_to.prepare(
            m_keepIds ? "INSERT INTO preferences (id, " + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT DO NOTHING"
                      : "INSERT INTO preferences (" + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT DO NOTHING");
        auto rows = m_from.prepare("SELECT id, " + columns + " FROM preferences ORDER BY id");
        while (rows.step()) {
            int to = 1;
            if (m_keepIds)
                insert.bind(to++, rows.int64(0));
            insert.bind(to++, mapped(m_pairs, rows.int64(1), "pair"));
            copy(rows, 2, insert, to++, Kind::Text);
            copy(rows, 3, insert, to++, Kind::Text);
            insert.bind(to++, mapped(m_candidates, rows.int64(4), "candidate"));
            copy(rows, 5, insert, to++, Kind::Text);
            copy(rows, 6, insert, to++, Kind::Int);
            copy(rows, 7, insert, to++, Kind::Text);
            copy(rows, 8, insert, to++, Kind::Int);
            copy(rows, 9, insert, to++, Kind::Text);
            copy(rows, 10, insert, to++, Kind::Text);
            copy(rows, 11, insert, to++, Kind::Real);
            copy(rows, 12, insert, to++, Kind::Text); // a judgement pushed twice is still one (its client id)
            insert.run();
            if (m_to.changes() > 0)
                ++m_report.preferences.added;
            else
                ++m_report.preferences.present;
        }
    }

    void labels()
    {
        auto find = m_to.prepare("SELECT relevance FROM labels WHERE job_id = ? AND candidate_id = ?");
        auto insert = m_to.prepare("INSERT INTO labels (job_id, candidate_id, relevance, created_at) VALUES (?, ?, ?, ?)");
        auto rows = m_from.prepare("SELECT job_id, candidate_id, relevance, created_at FROM labels ORDER BY job_id, candidate_id");
        while (rows.step()) {
            const std::int64_t job = mapped(m_jobs, rows.int64(0), "job");
            const std::int64_t candidate = mapped(m_candidates, rows.int64(1), "candidate");
            find.bind(1, job).bind(2, candidate);
            if (const auto existing = stepId(find)) {
                if (*existing == rows.int64(2))
                    ++m_report.labels.present;
                else
                    ++m_report.labelConflicts;
                continue;
            }
            insert.bind(1, job).bind(2, candidate).bind(3, rows.int64(2)).bind(4, rows.int64(3)).run();
            ++m_report.labels.added;
        }
    }

    void assignments()
    {
        auto insert = m_to.prepare("INSERT INTO assignments (pair_id, annotator, created_at) VALUES (?, ?, ?) "
                                   "ON CONFLICT DO NOTHING");
        auto rows = m_from.prepare("SELECT pair_id, annotator, created_at FROM assignments ORDER BY pair_id, annotator");
        while (rows.step()) {
            insert.bind(1, mapped(m_pairs, rows.int64(0), "pair")).bind(2, rows.textView(1)).bind(3, rows.int64(2)).run();
            if (m_to.changes() > 0)
                ++m_report.assignments.added;
            else
                ++m_report.assignments.present;
        }
    }

    void adjudications()
    {
        // One decision per pair: the later one stands.
        auto insert = m_to.prepare(
            "INSERT INTO adjudications (pair_id, winner, reviewer, note, created_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (pair_id) DO UPDATE SET winner = excluded.winner, reviewer = excluded.reviewer, "
            "note = excluded.note, created_at = excluded.created_at WHERE excluded.created_at > adjudications.created_at");
        auto rows = m_from.prepare("SELECT pair_id, winner, reviewer, note, created_at FROM adjudications ORDER BY pair_id");
        while (rows.step()) {
            insert.bind(1, mapped(m_pairs, rows.int64(0), "pair"));
            if (rows.isNull(1))
                insert.bindNull(2);
            else
                insert.bind(2, mapped(m_candidates, rows.int64(1), "candidate"));
            insert.bind(3, rows.textView(2)).bind(4, rows.textView(3)).bind(5, rows.int64(4)).run();
            if (m_to.changes() > 0)
                ++m_report.adjudications.added;
            else
                ++m_report.adjudications.present;
        }
    }

    // A snapshot (a file) records who the server's team was; a server's team is its own (the roles, privileges and
    // policies of rankpo team), so pushing brings no one into it.
    void teamMembers()
    {
        if (m_to.dialect() == SqlDialect::Postgres)
            return;
        auto insert = m_to.prepare("INSERT INTO team_members (role_name, display_name, team_role, added_at) "
                                   "VALUES (?, ?, ?, ?) ON CONFLICT (role_name) DO NOTHING");
        auto rows = m_from.prepare("SELECT role_name, display_name, team_role, added_at FROM team_members ORDER BY role_name");
        while (rows.step())
            insert.bind(1, rows.textView(0)).bind(2, rows.textView(1)).bind(3, rows.textView(2)).bind(4, rows.int64(3)).run();
    }

    Connection& m_from;
    Connection& m_to;
    bool m_keepIds;
    IdMap m_jobs, m_candidates, m_pairs;
    MergeReport m_report;
};

bool isEmpty(Connection& db)
{
    auto st = db.prepare("SELECT (SELECT count(*) FROM jobs) + (SELECT count(*) FROM candidates)");
    return st.step() && st.int64(0) == 0;
}

} // namespace

MergeReport mergeProject(ProjectStore& source, ProjectStore& destination, const MergeOptions& options)
{
    Connection& from = connectionOf(source);
    Connection& to = connectionWithRight(destination, TeamRight::Administer, "pushing a project into it");
    if (source.path() == destination.path())
        throw usageError(source.path() + ": a project cannot be merged into itself");
    if (options.keepIds && !isEmpty(to))
        throw usageError(destination.path() + " is not empty: a snapshot that keeps the source's ids needs a new project");
    // One snapshot of the source: a deferred transaction on SQLite, repeatable read on a server (whose default,
    // read committed, would let a teammate's judgement fall between two tables).
    Transaction read(from, false);
    if (from.dialect() == SqlDialect::Postgres)
        from.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    Transaction write(to);
    MergeReport report = Merger(from, to, options.keepIds).run();
    if (options.keepIds && to.dialect() == SqlDialect::Postgres) {
        // Ids given explicitly do not move an identity column's sequence: move it past them.
        for (const char* table : {"jobs", "candidates", "pairs", "preferences"})
            to.exec(std::string("SELECT setval(pg_get_serial_sequence('") + table + "', 'id'), "
                    "coalesce((SELECT max(id) FROM " + table + "), 0) + 1, false)");
    }
    write.commit();
    read.commit();
    return report;
}

} // namespace rankpo::db
