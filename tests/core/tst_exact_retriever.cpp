// Exact top-k retrieval against a brute-force full sort, across block sizes that do and do not divide
// the data, with ties, k beyond the candidate count, bad input, and the export to TREC run lines.
#include "core/evaluation/exact_retriever.h"
#include "core/evaluation/trec_run.h"
#include "core/util/error.h"

#include <QtTest>

#include <torch/torch.h>

#include <algorithm>
#include <numeric>
#include <sstream>

using namespace rankpo;

namespace {

at::Tensor normalisedRows(std::int64_t rows, std::int64_t dim, std::uint64_t seed)
{
    auto generator = at::detail::createCPUGenerator(seed);
    const at::Tensor x = at::randn({rows, dim}, generator, at::TensorOptions().dtype(at::kFloat));
    return x / x.norm(2, 1, true);
}

// Every candidate's score from the same BLAS product, sorted by (score desc, row asc).
TopKResult bruteForce(const at::Tensor& queries, const at::Tensor& candidates, std::int64_t k)
{
    const at::Tensor scores = at::mm(queries, candidates.t()).contiguous();
    TopKResult r;
    r.queries = queries.size(0);
    r.k = std::min(k, candidates.size(0));
    const float* s = scores.data_ptr<float>();
    const std::int64_t n = candidates.size(0);
    for (std::int64_t q = 0; q < r.queries; ++q) {
        std::vector<std::int64_t> order(static_cast<std::size_t>(n));
        std::iota(order.begin(), order.end(), 0);
        const float* row = s + q * n;
        std::stable_sort(order.begin(), order.end(), [row](std::int64_t a, std::int64_t b) { return row[a] > row[b]; });
        for (std::int64_t i = 0; i < r.k; ++i) {
            r.indices.push_back(order[static_cast<std::size_t>(i)]);
            r.scores.push_back(row[order[static_cast<std::size_t>(i)]]);
        }
    }
    return r;
}

} // namespace

Q_DECLARE_METATYPE(at::Tensor)

class TestExactRetriever : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matchesBruteForce_data()
    {
        QTest::addColumn<int>("queries");
        QTest::addColumn<int>("candidates");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("queryBlock");
        QTest::addColumn<int>("candidateBlock");
        QTest::newRow("one block") << 7 << 50 << 5 << 4096 << 1024;
        QTest::newRow("uneven blocks") << 37 << 1001 << 10 << 8 << 64;
        QTest::newRow("k larger than a block") << 13 << 500 << 100 << 5 << 30;
        QTest::newRow("k = all candidates") << 3 << 40 << 40 << 2 << 7;
        QTest::newRow("k beyond candidates") << 3 << 20 << 50 << 2 << 7;
        QTest::newRow("block of one") << 4 << 33 << 3 << 1 << 1;
    }

    void matchesBruteForce()
    {
        QFETCH(int, queries);
        QFETCH(int, candidates);
        QFETCH(int, k);
        QFETCH(int, queryBlock);
        QFETCH(int, candidateBlock);
        const at::Tensor q = normalisedRows(queries, 24, 1);
        at::Tensor c = normalisedRows(candidates, 24, 2);
        // duplicated candidates give exactly equal scores: the lower row must come first
        c.narrow(0, candidates / 2, 3).copy_(c.narrow(0, 0, 3));
        const auto got = ExactRetriever({k, queryBlock, candidateBlock, 0}).search(q, c);
        const auto want = bruteForce(q, c, k);
        QCOMPARE(got.queries, want.queries);
        QCOMPARE(got.k, want.k);
        // Scores from differently shaped products may differ in the last bits; rows must agree wherever
        // the scores are not within that noise of each other.
        for (std::int64_t i = 0; i < got.queries; ++i) {
            for (std::int64_t r = 0; r < got.k; ++r) {
                QVERIFY(std::abs(got.score(i, r) - want.score(i, r)) < 1e-5f);
                if (got.index(i, r) != want.index(i, r)) {
                    const float a = want.score(i, r);
                    const float b = r + 1 < got.k ? want.score(i, r + 1) : a;
                    const float c0 = r > 0 ? want.score(i, r - 1) : a;
                    QVERIFY2(std::abs(a - b) < 1e-5f || std::abs(a - c0) < 1e-5f,
                             qPrintable(QString("query %1 rank %2: row %3, expected %4").arg(i).arg(r).arg(got.index(i, r)).arg(want.index(i, r))));
                }
                if (r > 0)
                    QVERIFY(got.score(i, r - 1) >= got.score(i, r));
            }
        }
    }

    void exactTiesGoToTheLowerRow()
    {
        // integer-valued embeddings: scores are exact, with many ties
        const at::Tensor q = at::tensor({1.0f, 0.0f, 1.0f, 1.0f}).reshape({2, 2});
        const at::Tensor c = at::tensor({0.0f, 1.0f, 1.0f, 0.0f, 1.0f, 0.0f, 2.0f, 0.0f, 1.0f, 0.0f}).reshape({5, 2});
        const auto r = ExactRetriever({3, 1, 2, 0}).search(q, c);
        // query (1,0): scores 0,1,1,2,1 -> rows 3, 1, 2
        QCOMPARE(std::vector<std::int64_t>(r.indices.begin(), r.indices.begin() + 3), (std::vector<std::int64_t>{3, 1, 2}));
        QCOMPARE(std::vector<float>(r.scores.begin(), r.scores.begin() + 3), (std::vector<float>{2, 1, 1}));
        // query (1,1): scores 1,1,1,2,1 -> rows 3, 0, 1
        QCOMPARE(std::vector<std::int64_t>(r.indices.begin() + 3, r.indices.end()), (std::vector<std::int64_t>{3, 0, 1}));
    }

    void rawPointersAndHits()
    {
        const std::vector<float> q{1, 0, 0, 1};
        const std::vector<float> c{0.6f, 0.8f, 1, 0, 0, 1};
        const auto r = ExactRetriever({2, 4096, 1024, 0}).search(q.data(), 2, c.data(), 3, 2);
        const auto hits = toRetrievalHits(r, {100, 200}, {7, 8, 9});
        QCOMPARE(hits.size(), std::size_t(4));
        QCOMPARE(hits[0].jobId, JobId(100));
        QCOMPARE(hits[0].candidateId, CandidateId(8));
        QCOMPARE(hits[0].rank, 1);
        QCOMPARE(hits[1].candidateId, CandidateId(7));
        QCOMPARE(hits[1].score, double(0.6f));
        QCOMPARE(hits[2].candidateId, CandidateId(9));
        std::ostringstream out;
        writeTrecRun(out, toTrecRunLines(hits, "bi-encoder"));
        QVERIFY(out.str().rfind("100 Q0 8 1 1 bi-encoder\n100 Q0 7 2 0.6000000238418579 bi-encoder\n200 Q0 9 1 1 bi-encoder\n", 0) == 0);
        QVERIFY_EXCEPTION_THROWN(toRetrievalHits(r, {100}, {7, 8, 9}), Error);
        QVERIFY_EXCEPTION_THROWN(toRetrievalHits(r, {100, 200}, {7}), Error);
    }

    void emptyInputs()
    {
        const auto none = ExactRetriever().search(at::zeros({0, 4}), at::zeros({5, 4}));
        QCOMPARE(none.queries, std::int64_t(0));
        const auto noCandidates = ExactRetriever().search(at::zeros({2, 4}), at::zeros({0, 4}));
        QCOMPARE(noCandidates.k, std::int64_t(0));
        QVERIFY(noCandidates.indices.empty());
    }

    void badInput_data()
    {
        QTest::addColumn<at::Tensor>("queries");
        QTest::addColumn<at::Tensor>("candidates");
        QTest::addColumn<QString>("message");
        QTest::newRow("1-D") << at::zeros({4}) << at::zeros({3, 4}) << "queries: expected a 2-D tensor [rows, dimension], got 1-D";
        QTest::newRow("integers") << at::zeros({2, 4}) << at::zeros({3, 4}, at::kLong) << "candidates: expected floating-point embeddings, got Long";
        QTest::newRow("dimension") << at::zeros({2, 4}) << at::zeros({3, 5}) << "queries have dimension 4 but candidates 5";
        at::Tensor withNan = at::zeros({6, 4});
        withNan[4][2] = std::nanf("");
        QTest::newRow("NaN") << at::zeros({2, 4}) << withNan << "candidates: row 4 has a non-finite value";
        at::Tensor withInf = at::zeros({2, 4});
        withInf[1][0] = INFINITY;
        QTest::newRow("inf") << withInf << at::zeros({3, 4}) << "queries: row 1 has a non-finite value";
    }

    void badInput()
    {
        QFETCH(at::Tensor, queries);
        QFETCH(at::Tensor, candidates);
        QFETCH(QString, message);
        try {
            ExactRetriever().search(queries, candidates);
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Data);
            QCOMPARE(QString::fromStdString(e.what()), message);
        }
    }

    void badOptions()
    {
        QVERIFY_EXCEPTION_THROWN(ExactRetriever({0, 1, 1, 0}), Error);
        QVERIFY_EXCEPTION_THROWN(ExactRetriever({5, 0, 1, 0}), Error);
        QVERIFY_EXCEPTION_THROWN(ExactRetriever({5, 1, 1, -1}), Error);
    }
};

QTEST_GUILESS_MAIN(TestExactRetriever)
#include "tst_exact_retriever.moc"
