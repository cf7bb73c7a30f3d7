// Text from one-page PDFs: our in-process extraction (Poppler's C++ API through DocumentExtractor, on one
// thread and on all cores) against Debian's `pdftotext` run once per file, as a script would run it, on the
// same files (one process at a time, and as many at a time as we use threads). The PDFs are written here:
// résumé-like pages (a name, a summary, publications and skills from the sample's profiles; job postings from
// its queries). Prints documents/s for each and the ratios; exits non-zero when ours on all cores is below
// --min-ratio times pdftotext at the same parallelism.
//
//   bench_document_extraction [--documents 2000] [--threads N] [--work DIR] [--min-ratio 2]
#include "core/documents/document_extractor.h"
#include "core/formats/candidate_profile_parser.h"
#include "tests/support/sample_texts.h"
#include "tests/support/minimal_pdf_writer.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <vector>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

// A résumé from one of the paper's tagged profiles, or a job posting as it is.
std::string resumeLike(const std::string& text, std::size_t n)
{
    const rankpo::CandidateProfile p = rankpo::parseCandidateProfile(text);
    if (!p.tagged())
        return text;
    std::string out = "Candidate " + std::to_string(n) + "\ncandidate" + std::to_string(n) + "@example.org\n\nSummary\n";
    out += p.abstracts.empty() ? std::string("Researcher.") : p.abstracts.front();
    out += "\n\nPublications\n";
    for (std::size_t i = 0; i < p.publicationTitles.size() && i < 8; ++i)
        out += p.publicationTitles[i] + "\n";
    out += "\nSkills\n";
    for (std::size_t i = 0; i < p.keywords.size() && i < 12; ++i)
        out += (i ? ", " : "") + p.keywords[i];
    return out;
}

int spawnPdftotext(const std::string& pdftotext, const std::string& in, const std::string& out, pid_t* pid)
{
    std::vector<std::string> args = {pdftotext, "-q", in, out};
    std::vector<char*> argv;
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    return posix_spawn(pid, pdftotext.c_str(), nullptr, nullptr, argv.data(), environ);
}

// Runs pdftotext once per file, `parallel` processes at a time; returns the seconds taken (negative on failure).
double runPdftotext(const std::string& pdftotext, const std::vector<std::string>& files, const std::string& outDir,
                    unsigned parallel)
{
    const auto t0 = Clock::now();
    std::size_t next = 0, running = 0;
    bool ok = true;
    while (next < files.size() || running > 0) {
        while (running < parallel && next < files.size()) {
            pid_t pid;
            if (spawnPdftotext(pdftotext, files[next], outDir + "/" + std::to_string(next) + ".txt", &pid) != 0)
                return -1;
            ++next;
            ++running;
        }
        int status = 0;
        if (::wait(&status) < 0)
            return -1;
        ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
        --running;
    }
    return ok ? seconds(t0, Clock::now()) : -1;
}

double cpuSeconds()
{
    rusage u {};
    ::getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + 1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

// Returns the wall seconds taken; `cpu` gets the CPU seconds our process used meanwhile.
double runOurs(const std::vector<std::string>& files, unsigned threads, std::vector<std::string>* texts, double* cpu = nullptr)
{
    const double cpu0 = cpuSeconds();
    const rankpo::DocumentExtractor extractor;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    const auto t0 = Clock::now();
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
            for (std::size_t i; (i = next++) < files.size();) {
                try {
                    std::string text = extractor.extract(files[i]).text;
                    if (texts)
                        (*texts)[i] = std::move(text);
                } catch (const std::exception& e) {
                    std::fprintf(stderr, "%s\n", e.what());
                    failed = true;
                }
            }
        });
    }
    for (auto& th : pool)
        th.join();
    if (cpu)
        *cpu = cpuSeconds() - cpu0;
    return failed ? -1 : seconds(t0, Clock::now());
}

std::vector<std::string> words(const std::string& text)
{
    std::vector<std::string> out;
    std::string w;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') {
            if (!w.empty())
                out.push_back(w);
            w.clear();
        } else {
            w.push_back(c);
        }
    }
    if (!w.empty())
        out.push_back(w);
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    std::size_t documents = 2000;
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::string work = "bench-data/documents";
    double minRatio = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        if (name == "--documents") documents = std::strtoull(argv[i + 1], nullptr, 10);
        else if (name == "--threads") threads = static_cast<unsigned>(std::max(1, std::atoi(argv[i + 1])));
        else if (name == "--work") work = argv[i + 1];
        else if (name == "--min-ratio") minRatio = std::atof(argv[i + 1]);
        else {
            std::fprintf(stderr, "unknown option %s\n", name.c_str());
            return 2;
        }
    }
    const char* pdftotextEnv = std::getenv("PDFTOTEXT");
    const std::string pdftotext = pdftotextEnv ? pdftotextEnv : "/usr/bin/pdftotext";
    if (!std::filesystem::exists(pdftotext)) {
        std::fprintf(stderr, "%s not found (Debian: poppler-utils)\n", pdftotext.c_str());
        return 2;
    }

    namespace fs = std::filesystem;
    fs::remove_all(work);
    fs::create_directories(work + "/pdf");
    fs::create_directories(work + "/txt");
    const std::vector<std::string> texts = rankpo::test::sampleTexts();
    std::vector<std::string> files;
    std::uint64_t bytes = 0;
    for (std::size_t i = 0; i < documents; ++i) {
        const auto pages = rankpo::test::MinimalPdfWriter::layout(resumeLike(texts[i % texts.size()], i));
        rankpo::test::MinimalPdfWriter pdf;
        pdf.addTextPage(pages.front()); // one page each
        const std::string path = work + "/pdf/cv" + std::to_string(i) + ".pdf";
        const std::string data = pdf.bytes();
        std::ofstream(path, std::ios::binary) << data;
        bytes += data.size();
        files.push_back(path);
    }
    std::printf("%zu one-page PDFs, %.1f kB each on average, %u threads\n", documents,
                static_cast<double>(bytes) / 1000.0 / static_cast<double>(documents), threads);

    // Warm the page cache and Poppler's one-time set-up; then measure.
    std::vector<std::string> ours(files.size());
    runOurs(files, threads, nullptr);
    double cpu1 = 0, cpuN = 0;
    const double ours1 = runOurs(files, 1, nullptr, &cpu1);
    const double oursN = runOurs(files, threads, &ours, &cpuN);
    const double theirs1 = runPdftotext(pdftotext, files, work + "/txt", 1);
    const double theirsN = runPdftotext(pdftotext, files, work + "/txt", threads);
    if (ours1 < 0 || oursN < 0 || theirs1 < 0 || theirsN < 0) {
        std::fprintf(stderr, "a run failed\n");
        return 1;
    }
    // The same work: every 50th file's words agree with pdftotext's.
    std::size_t checked = 0;
    for (std::size_t i = 0; i < files.size(); i += 50, ++checked) {
        std::ifstream in(work + "/txt/" + std::to_string(i) + ".txt", std::ios::binary);
        const std::string reference((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (words(reference) != words(ours[i])) {
            std::fprintf(stderr, "%s: our words differ from pdftotext's\n", files[i].c_str());
            return 1;
        }
    }
    const double n = static_cast<double>(documents);
    std::printf("ours, 1 thread:              %8.1f documents/s (%.2f ms CPU each)\n", n / ours1, 1000 * cpu1 / n);
    std::printf("ours, %u threads:             %8.1f documents/s (%.2f ms CPU each)\n", threads, n / oursN, 1000 * cpuN / n);
    std::printf("pdftotext, 1 process:        %8.1f documents/s\n", n / theirs1);
    std::printf("pdftotext, %u at a time:      %8.1f documents/s\n", threads, n / theirsN);
    std::printf("ratio, 1 thread vs 1 process: %.2fx\n", theirs1 / ours1);
    std::printf("ratio, %u threads vs %u at a time: %.2fx (words checked on %zu files)\n", threads, threads,
                theirsN / oursN, checked);
    const double ratio = theirsN / oursN;
    if (minRatio > 0 && ratio < minRatio) {
        std::fprintf(stderr, "below the goal of %.1fx\n", minRatio);
        return 1;
    }
    return 0;
}
