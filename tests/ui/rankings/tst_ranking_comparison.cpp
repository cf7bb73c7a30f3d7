// The ranking comparison: rank-move arrows for a known pair of rankings, and the page on stored
// rankings (marks for rule-relevant and AI-preferred candidates, the profile on click).
#include "db/evaluation_store.h"
#include "db/store_access.h"
#include "ui/rankings/candidate_detail_view.h"
#include "ui/document/project_document.h"
#include "ui/rankings/rank_moves.h"
#include "ui/rankings/ranking_comparison_page.h"
#include "tests/ui/ui_fixtures.h"

#include <QTableWidget>
#include <QtTest>

using namespace rankpo;
using namespace rankpo::ui;

namespace {

std::vector<db::RankedCandidate> ranking(JobId job, std::vector<CandidateId> candidates)
{
    std::vector<db::RankedCandidate> out;
    for (std::size_t i = 0; i < candidates.size(); ++i)
        out.push_back({job, static_cast<int>(i + 1), candidates[i], 1.0 - 0.1 * static_cast<double>(i)});
    return out;
}

QString cell(QTableWidget* t, int row, int column)
{
    return t->item(row, column) ? t->item(row, column)->text() : QString();
}

} // namespace

class TestRankingComparison : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::isolateSettings(m_dir);
    }

    void arrowsForKnownRankings()
    {
        // Before: 1 2 3 4 5; after: 3 1 6 2 (top 4 shown of each; the stored rankings are deeper).
        const auto before = ranking(1, {1, 2, 3, 4, 5});
        const auto after = ranking(1, {3, 1, 6, 2, 5});
        const RankingSideBySide s = sideBySide(before, after, 4);
        QCOMPARE(s.after.size(), std::size_t(4));
        QStringList arrows, destinations;
        for (const auto& r : s.after)
            arrows << moveArrow(r.otherRank, r.rank);
        for (const auto& r : s.before)
            destinations << destination(r.otherRank, 4);
        QCOMPARE(arrows, (QStringList{QStringLiteral("↑2"), QStringLiteral("↓1"), QStringLiteral("new"), QStringLiteral("↓2")}));
        QCOMPARE(destinations, (QStringList{QStringLiteral("→ 2"), QStringLiteral("→ 4"), QStringLiteral("→ 1"), QStringLiteral("out")}));
        QCOMPARE(moveArrow(5, 5), QStringLiteral("="));
        QCOMPARE(destination(5, 4), QStringLiteral("out")); // ranked, but below the top shown
    }

    void pageShowsStoredRankingsAndOpensACandidate()
    {
        const QString path = m_dir.filePath(QStringLiteral("rank.rankpo"));
        JobId job = 0;
        std::vector<CandidateId> c;
        {
            test::ProjectBuilder b(path.toStdString());
            job = b.job("Postdoc in protein folding", "job-1");
            for (int i = 0; i < 5; ++i)
                c.push_back(b.candidate("<keyword>protein folding<sep>topic " + std::to_string(i) + "</keyword>"
                                        "<title>Paper " + std::to_string(i) + "</title>",
                                        "cand-" + std::to_string(i)));
            // c[2] wins an AI judgement against c[0]; the rules mark c[1] relevant.
            b.pair(job, c[0], c[2], {{PreferenceSource::Ai, "judge", true, Choice::Second, 90}});
            auto st = rankpo::db::connectionOf(b.store()).prepare("INSERT INTO labels(job_id, candidate_id, relevance, created_at) VALUES (?, ?, 1, 0)");
            st.bind(1, job).bind(2, c[1]).run();
            db::EvaluationStore evaluations(b.store());
            db::EvaluationRecord e;
            e.split = "test";
            e.metricsJson = "{}";
            e.model = "base";
            evaluations.save(e, ranking(job, {c[0], c[1], c[2], c[3]}));
            e.model = "trained";
            evaluations.save(e, ranking(job, {c[2], c[0], c[4], c[1]}));
        }
        ProjectDocument doc(db::ProjectStore::open(path.toStdString()));
        RankingComparisonPage page;
        page.setDocument(&doc);
        page.setModels(QStringLiteral("base"), QStringLiteral("trained"));
        page.waitForLoaded();
        page.waitForLoaded(); // the job list, then the comparison it starts
        QCOMPARE(page.job(), job);
        QTableWidget* before = page.table(0);
        QTableWidget* after = page.table(1);
        QCOMPARE(before->rowCount(), 4);
        QCOMPARE(after->rowCount(), 4);
        QCOMPARE(cell(after, 0, 1), QStringLiteral("↑2"));
        QCOMPARE(cell(after, 1, 1), QStringLiteral("↓1"));
        QCOMPARE(cell(after, 2, 1), QStringLiteral("new"));
        QCOMPARE(cell(after, 3, 1), QStringLiteral("↓2"));
        QCOMPARE(cell(before, 3, 1), QStringLiteral("out"));
        QVERIFY2(cell(after, 0, 2).endsWith(QStringLiteral("· cand-2")), qPrintable(cell(after, 0, 2)));
        QVERIFY(page.detailView()->summary().contains(QStringLiteral("after: rank 1"))); // the best is shown at once
        QCOMPARE(cell(after, 0, 5), QStringLiteral("◆")); // preferred by the AI judge
        QCOMPARE(cell(after, 3, 5), QStringLiteral("★")); // relevant by the rules
        QCOMPARE(cell(before, 0, 5), QString());
        // The votes: one win of cand-2 over cand-0 plus the prior's half win each way, ln(1.5 / 0.5) apart.
        QCOMPARE(cell(after, 0, 4), QStringLiteral("0.55 [0.55, 0.55]"));
        QCOMPARE(cell(after, 1, 4), QStringLiteral("-0.55 [-0.55, -0.55]"));
        QCOMPARE(cell(after, 2, 4), QStringLiteral("\u2013")); // cand-4 was never compared

        after->setCurrentCell(0, 2); // a click on cand-2
        QVERIFY(page.detailView()->summary().contains(QStringLiteral("Before: rank 3 · after: rank 1")));
        QVERIFY(page.detailView()->summary().contains(QStringLiteral("◆")));
        QVERIFY(page.detailView()->html().contains(QStringLiteral("Paper 2")));
        QVERIFY(before->selectionModel()->isRowSelected(2, {})); // the same candidate in the other table
    }
};

QTEST_MAIN(TestRankingComparison)
#include "tst_ranking_comparison.moc"
