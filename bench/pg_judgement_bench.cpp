// Judgements on a shared PostgreSQL project under load (issue 15), against pgbench on the same server.
//
// Starts its own throw-away cluster (tests/support/pg_test_cluster.sh), makes a project, and runs N annotator
// processes (each a login role of its own, as on a team's server) that open the store once and make M judgements
// each, timing every judgement's round trip (the transaction `rankpo annotate` and the Annotate page run: read the
// annotator's earlier judgement, replace it, commit). The peer: pgbench's simple-update script (-N) with N clients
// and M transactions each on the same cluster. Prints p50/p95 of both and the ratio; the goal is our p95 <= 3x
// pgbench's (exit 1 when missed). Then one annotator's queue over --queue-pairs pairs (bulk-loaded in SQL): the
// queue's ids, its first page and a page deep inside, on the server and on a SQLite file as the peer.
//
//   pg_judgement_bench [--annotators 20] [--judgements 500] [--queue-pairs 1000000] [--work DIR] [--no-goal]
//                      [--without-notify]   (a diagnosis: the live-view trigger disabled)
//   pg_judgement_bench --worker URL COUNT OUTFILE GOFILE     (one annotator process; started by the driver)
#include "core/domain/preference.h"
#include "core/util/error.h"
#include "db/judgement_edits.h"
#include "db/judgement_reader.h"
#include "db/pair_queue.h"
#include "db/project_location.h"
#include "db/project_store.h"
#include "db/project_writer.h"
#include "db/sql/connection.h"
#include "db/store_access.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace rankpo;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

std::string run(const std::string& command)
{
    std::string out;
    FILE* p = popen(command.c_str(), "r");
    if (!p)
        throw ioError("cannot run: " + command);
    char buf[4096];
    while (std::size_t n = fread(buf, 1, sizeof buf, p))
        out.append(buf, n);
    if (pclose(p) != 0)
        throw ioError("failed: " + command + "\n" + out);
    return out;
}

std::string firstLine(const fs::path& file)
{
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line;
}

// One annotator: connect once, wait for the start, then judge pairs 1..count, timing each transaction.
int worker(const std::string& url, int count, const std::string& outFile, const std::string& goFile)
{
    auto store = db::ProjectStore::open(url);
    const std::string annotator = store->sessionUser().value_or("bench");
    while (!fs::exists(goFile))
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::vector<double> times;
    times.reserve(static_cast<std::size_t>(count));
    for (int i = 1; i <= count; ++i) {
        const auto t = Clock::now();
        Preference p;
        p.pairId = i;
        p.jobId = 1;
        p.source = PreferenceSource::Human;
        p.annotator = annotator;
        p.shownFirst = 1;
        p.shownSecond = 2 + i;
        p.choice = i % 3 == 0 ? Choice::Tie : i % 2 ? Choice::First : Choice::Second;
        p.createdAt = 1;
        db::WriteTransaction tx(*store);
        const auto earlier = db::JudgementReader(*store).ofPairBy(i, PreferenceSource::Human, annotator);
        db::JudgementEdits edits(*store);
        for (const Preference& old : earlier)
            edits.remove(old.id);
        edits.add(p);
        tx.commit();
        times.push_back(msSince(t));
    }
    std::ofstream out(outFile);
    for (double t : times)
        out << t << "\n";
    return 0;
}

// The cluster, stopped (and its folder removed) however the run ends.
struct Cluster {
    std::string script, work, url, bindir;
    Cluster(std::string s, std::string w) : script(std::move(s)), work(std::move(w))
    {
        run("bash '" + script + "' start '" + work + "'");
        url = firstLine(fs::path(work) / "pg_test_cluster.url");
        if (url.empty())
            throw usageError("no PostgreSQL server binaries: nothing to measure");
        std::ifstream dir(fs::path(work) / "pg_test_cluster.dir");
        std::getline(dir, bindir);
        std::getline(dir, bindir);
    }
    ~Cluster() { std::system(("bash '" + script + "' stop '" + work + "' >/dev/null 2>&1").c_str()); }
};

struct Latencies {
    double p50 = 0, p95 = 0, seconds = 0;
    std::size_t count = 0;
};

Latencies ourJudgements(const std::string& self, const Cluster& cluster, int annotators, int judgements,
                        const fs::path& work, bool notify)
{
    const std::string url = cluster.url + "?project=bench_judgements";
    auto owner = db::ProjectStore::open(url, db::ProjectStore::OpenMode::Create);
    {
        // One job, enough candidates that pairs 1..judgements are (C1, C(2+i)).
        db::WriteTransaction tx(*owner);
        db::ProjectWriter w(*owner);
        const JobId job = w.addJob("Research engineer, speech recognition", "job-1");
        std::vector<CandidateId> c;
        for (int i = 0; i <= judgements + 1; ++i)
            c.push_back(w.addCandidate("<keyword>topic " + std::to_string(i) + "</keyword>", "cand-" + std::to_string(i)));
        for (int i = 1; i <= judgements; ++i)
            w.addPair(job, c[0], c[static_cast<std::size_t>(i + 1)]);
        tx.commit();
    }
    auto& sql = db::connectionOf(*owner);
    sql.exec("CREATE ROLE bench_team NOLOGIN; GRANT USAGE ON SCHEMA bench_judgements TO bench_team; "
             "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA bench_judgements TO bench_team; "
             "GRANT USAGE ON ALL SEQUENCES IN SCHEMA bench_judgements TO bench_team");
    if (!notify) // a diagnosis: the judgement without the team's live-view trigger (NOTIFY at commit)
        sql.exec("ALTER TABLE preferences DISABLE TRIGGER preferences_changed");
    const fs::path go = work / "go";
    fs::remove(go);
    std::vector<pid_t> children;
    for (int a = 0; a < annotators; ++a) {
        const std::string role = "bench_annotator" + std::to_string(a);
        sql.exec("CREATE ROLE " + role + " LOGIN IN ROLE bench_team");
        const std::string roleUrl = db::locationAsUser(url, role), count = std::to_string(judgements),
                          out = (work / ("times." + std::to_string(a))).string(), goFile = go.string();
        const pid_t pid = fork();
        if (pid == 0) {
            execl(self.c_str(), self.c_str(), "--worker", roleUrl.c_str(), count.c_str(), out.c_str(), goFile.c_str(),
                  static_cast<char*>(nullptr));
            _exit(127);
        }
        children.push_back(pid);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500)); // every worker connected and waiting
    const auto start = Clock::now();
    std::ofstream(go).put('1');
    bool failed = false;
    for (pid_t pid : children) {
        int status = 0;
        waitpid(pid, &status, 0);
        failed |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    }
    Latencies l;
    l.seconds = msSince(start) / 1000.0;
    if (failed)
        throw dataError("an annotator process failed");
    std::vector<double> all;
    for (int a = 0; a < annotators; ++a) {
        std::ifstream in(work / ("times." + std::to_string(a)));
        for (double t; in >> t;)
            all.push_back(t);
    }
    const auto stats = owner->stats();
    if (stats.preferencesHuman != std::int64_t(annotators) * judgements)
        throw dataError("stored " + std::to_string(stats.preferencesHuman) + " judgements, not "
                        + std::to_string(annotators * judgements));
    l.p50 = percentile(all, 0.5);
    l.p95 = percentile(all, 0.95);
    l.count = all.size();
    return l;
}

Latencies pgbench(const Cluster& cluster, int clients, int transactions, const fs::path& work)
{
    const std::string bin = cluster.bindir + "/pgbench";
    run("'" + bin + "' -i -q '" + cluster.url + "' 2>&1");
    const fs::path logs = work / "pgbench";
    fs::create_directories(logs);
    const auto start = Clock::now();
    run("'" + bin + "' -N -M prepared -c " + std::to_string(clients) + " -j " + std::to_string(clients) + " -t "
        + std::to_string(transactions) + " --log --log-prefix='" + (logs / "log").string() + "' '" + cluster.url
        + "' 2>&1");
    Latencies l;
    l.seconds = msSince(start) / 1000.0;
    std::vector<double> all;
    for (const auto& f : fs::directory_iterator(logs)) {
        std::ifstream in(f.path());
        std::string line;
        while (std::getline(in, line)) {
            // client_id transaction_no time_us script_no time_epoch time_us_part
            std::istringstream fields(line);
            long client = 0, tx = 0;
            double us = 0;
            if (fields >> client >> tx >> us)
                all.push_back(us / 1000.0);
        }
    }
    l.p50 = percentile(all, 0.5);
    l.p95 = percentile(all, 0.95);
    l.count = all.size();
    return l;
}

// The project for the queue: `pairs` pairs over 1,000 pairs a job, each with one AI judgement, written in SQL.
void bulkLoad(db::ProjectStore& store, std::int64_t pairs)
{
    auto& sql = db::connectionOf(store);
    const std::int64_t jobs = (pairs + 999) / 1000;
    const bool pg = sql.dialect() == db::SqlDialect::Postgres;
    const std::string n = std::to_string(pairs), j = std::to_string(jobs);
    const auto seriesOf = [&](const std::string& count) {
        return pg ? "generate_series(1, " + count + ") AS s(g)"
                  : "(WITH RECURSIVE r(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM r WHERE g < " + count
                        + ") SELECT g FROM r) AS s";
    };
    const std::string hash = pg ? "int8send(g)" : "CAST(printf('%016x', g) AS BLOB)";
    db::Transaction tx(sql);
    sql.exec("INSERT INTO jobs(id, content_hash, text, external_id, title, created_at) SELECT g, " + hash
             + ", 'Research fellow ' || g, 'job-' || g, 'Research fellow ' || g, 0 FROM " + seriesOf(j));
    sql.exec("INSERT INTO candidates(id, content_hash, text, external_id, created_at) SELECT g, " + hash
             + ", '<keyword>topic ' || g || '</keyword>', 'cand-' || g, 0 FROM " + seriesOf("2000"));
    sql.exec("INSERT INTO pairs(id, job_id, candidate_lo, candidate_hi, created_at) SELECT g, 1 + (g - 1) / 1000, "
             "1 + (g - 1) % 1000, 1001 + (g - 1) % 1000, 0 FROM " + seriesOf(n));
    sql.exec("INSERT INTO preferences(pair_id, source, annotator, shown_first, choice, confidence, created_at) "
             "SELECT id, 'ai', 'judge', candidate_lo, 'first', 80, 0 FROM pairs");
    if (pg)
        sql.exec("SELECT setval(pg_get_serial_sequence('jobs', 'id'), " + j + "); "
                 "SELECT setval(pg_get_serial_sequence('candidates', 'id'), 2000); "
                 "SELECT setval(pg_get_serial_sequence('pairs', 'id'), " + n + ")");
    tx.commit();
    if (pg)
        sql.exec("ANALYZE");
}

struct QueueTimes {
    double load = 0, select = 0, first = 0, deep = 0;
};

QueueTimes queueTimes(const std::string& location, std::int64_t pairs)
{
    QueueTimes q;
    {
        auto store = db::ProjectStore::open(location, db::ProjectStore::OpenMode::Create);
        const auto t = Clock::now();
        bulkLoad(*store, pairs);
        q.load = msSince(t) / 1000.0;
    }
    auto store = db::ProjectStore::open(location, db::ProjectStore::OpenMode::OpenExisting, false);
    db::PairQueue queue(*store);
    db::PairQueueQuery mine;
    mine.filters = db::NotJudgedByMe;
    mine.annotator = "ana";
    std::vector<double> selects, firsts, deeps;
    for (int round = 0; round < 5; ++round) {
        auto t = Clock::now();
        const auto ids = queue.select(mine);
        selects.push_back(msSince(t));
        if (static_cast<std::int64_t>(ids.size()) != pairs)
            throw dataError("the queue holds " + std::to_string(ids.size()) + " pairs, not " + std::to_string(pairs));
        const std::size_t page = 128, deep = std::min(ids.size() * 9 / 10, ids.size() - page);
        t = Clock::now();
        const auto first = queue.rows({ids.begin(), ids.begin() + page}, {});
        firsts.push_back(msSince(t));
        t = Clock::now();
        const auto inside = queue.rows({ids.begin() + deep, ids.begin() + deep + page}, {});
        deeps.push_back(msSince(t));
        if (first.size() != page || inside.size() != page || inside.front().judgements.size() != 1)
            throw dataError("a queue page came back short");
    }
    q.select = percentile(selects, 0.5);
    q.first = percentile(firsts, 0.5);
    q.deep = percentile(deeps, 0.5);
    return q;
}

} // namespace

int main(int argc, char** argv)
try {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 5 && args[0] == "--worker")
        return worker(args[1], std::stoi(args[2]), args[3], args[4]);
    int annotators = 20, judgements = 500;
    std::int64_t queuePairs = 1'000'000;
    bool goal = true, notify = true;
    fs::path work = fs::temp_directory_path() / ("rankpo-pg-bench." + std::to_string(getpid()));
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto value = [&] {
            if (i + 1 >= args.size())
                throw usageError(args[i] + " needs a value");
            return args[++i];
        };
        if (args[i] == "--annotators")
            annotators = std::stoi(value());
        else if (args[i] == "--judgements")
            judgements = std::stoi(value());
        else if (args[i] == "--queue-pairs")
            queuePairs = std::stoll(value());
        else if (args[i] == "--work")
            work = value();
        else if (args[i] == "--without-notify")
            notify = false;
        else if (args[i] == "--no-goal")
            goal = false;
        else
            throw usageError("unknown option " + args[i]);
    }
    if (annotators < 1 || judgements < 1 || queuePairs < 1000)
        throw usageError("--annotators and --judgements must be positive, --queue-pairs at least 1000");
    fs::remove_all(work);
    fs::create_directories(work);
    const std::string self = fs::canonical("/proc/self/exe").string();
    int rc = 0;
    {
        Cluster cluster(RANKPO_SOURCE_DIR "/tests/support/pg_test_cluster.sh", work.string());
        const Latencies ours = ourJudgements(self, cluster, annotators, judgements, work, notify);
        const Latencies peer = pgbench(cluster, annotators, judgements, work);
        const double ratio = peer.p95 > 0 ? ours.p95 / peer.p95 : 0;
        std::printf("judgements: %d annotator processes x %d on loopback: p50 %.2f ms, p95 %.2f ms (%zu, %.0f/s)\n",
                    annotators, judgements, ours.p50, ours.p95, ours.count, ours.count / ours.seconds);
        std::printf("pgbench -N: %d clients x %d transactions: p50 %.2f ms, p95 %.2f ms (%zu, %.0f/s)\n", annotators,
                    judgements, peer.p50, peer.p95, peer.count, peer.count / peer.seconds);
        std::printf("p95 ratio ours/pgbench: %.2f (goal <= 3)\n", ratio);
        if (goal && ratio > 3) {
            std::printf("GOAL MISSED: a judgement's p95 is %.2f times pgbench's simple update (goal <= 3)\n", ratio);
            rc = 1;
        }
        std::fflush(stdout);
        const QueueTimes pg = queueTimes(cluster.url + "?project=bench_queue", queuePairs);
        const QueueTimes lite = queueTimes((work / "queue.rankpo").string(), queuePairs);
        std::printf("queue of %lld pairs (one annotator's, not judged by them), bulk load: server %.1f s, file %.1f s\n",
                    static_cast<long long>(queuePairs), pg.load, lite.load);
        std::printf("  ids in order: server %.0f ms, SQLite %.0f ms, ratio %.2f\n", pg.select, lite.select,
                    pg.select / lite.select);
        std::printf("  first page of 128: server %.2f ms, SQLite %.2f ms, ratio %.2f\n", pg.first, lite.first,
                    pg.first / lite.first);
        std::printf("  page at 90%%: server %.2f ms, SQLite %.2f ms, ratio %.2f\n", pg.deep, lite.deep,
                    pg.deep / lite.deep);
    }
    fs::remove_all(work);
    return rc;
} catch (const std::exception& e) {
    std::fprintf(stderr, "pg_judgement_bench: %s\n", e.what());
    return 1;
}
