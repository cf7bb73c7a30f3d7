#include "ui/rankings/ranking_comparison_page.h"

#include "core/evaluation/bradley_terry.h"
#include "db/evaluation_store.h"
#include "db/judgement_reader.h"
#include "db/project_store.h"
#include "ui/shell/app_settings.h"
#include "ui/common/background_task.h"
#include "ui/rankings/candidate_detail_view.h"
#include "ui/common/error_dialog.h"
#include "ui/document/project_document.h"
#include "workflows/engine.h"
#include "workflows/rank_job.h"

#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include <memory>
#include <set>
#include <tuple>

namespace rankpo::ui {
namespace {

enum Column { RankColumn, MoveColumn, CandidateColumn, ScoreColumn, VotesColumn, MarksColumn, ColumnCount };

// The ranking of one job under a model: its latest stored evaluation's, or ranked now.
std::vector<db::RankedCandidate> rankingOf(db::ProjectStore& store, const std::string& model, JobId job, QString& source,
                                           const std::atomic<bool>* cancel)
{
    db::EvaluationStore evaluations(store);
    for (const char* split : {"test", "train"}) {
        if (const auto e = evaluations.latest(model, split)) {
            auto ranking = evaluations.rankings(e->id, job);
            if (!ranking.empty()) {
                source = QObject::tr("stored evaluation %1").arg(e->id);
                return ranking;
            }
        }
    }
    workflows::RankOptions options;
    options.model = model;
    options.top = 100;
    options.cancel = cancel;
    const workflows::JobRanking ranked = workflows::engine().rankJob(store, job, options);
    std::vector<db::RankedCandidate> out;
    for (const auto& e : ranked.entries)
        out.push_back({job, e.rank, e.candidate, e.score});
    source = QObject::tr("ranked now");
    return out;
}

QString candidateLine(const Candidate& c)
{
    const QString reference = QString::fromStdString(db::ProjectStore::candidateReference(c.id, c.externalId));
    QStringList words;
    for (std::size_t i = 0; i < c.profile.keywords.size() && i < 3; ++i)
        words << QString::fromStdString(c.profile.keywords[i]);
    if (words.isEmpty() && !c.profile.publicationTitles.empty())
        words << QString::fromStdString(c.profile.publicationTitles.front());
    if (words.isEmpty())
        words << QString::fromStdString(c.text).left(80).simplified();
    // What the profile is about first (the column is narrow); the id at the end and in the tooltip.
    return QStringLiteral("%1 · %2").arg(words.join(QStringLiteral("; ")), reference);
}

QTableWidgetItem* item(const QString& text, Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto* i = new QTableWidgetItem(text);
    i->setTextAlignment(alignment);
    i->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return i;
}

} // namespace

RankingComparisonPage::RankingComparisonPage(QWidget* parent)
    : StudioPage(parent), m_jobsTask(new BackgroundTask(this)), m_task(new BackgroundTask(this))
{
    setObjectName("rankingsPage");
    m_job = new QComboBox(this);
    m_job->setObjectName("rankingJob");
    m_job->setEditable(true);
    m_job->setInsertPolicy(QComboBox::NoInsert);
    m_job->completer()->setFilterMode(Qt::MatchContains);
    m_job->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_job->setMinimumContentsLength(40);
    m_job->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_before = new QComboBox(this);
    m_after = new QComboBox(this);
    for (QComboBox* box : {m_before, m_after}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        connect(box, qOverload<int>(&QComboBox::activated), this, &RankingComparisonPage::loadComparison);
    }
    connect(m_job, qOverload<int>(&QComboBox::activated), this, &RankingComparisonPage::loadComparison);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Job"), this));
    top->addWidget(m_job, 1);
    top->addSpacing(12);
    top->addWidget(new QLabel(tr("Before"), this));
    top->addWidget(m_before);
    top->addWidget(new QLabel(tr("After"), this));
    top->addWidget(m_after);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    auto* legend = new QLabel(tr("★ relevant by the rules   ◆ preferred by the AI judge in this job's pairs   "
                                 "↑/↓ places the after model moved it   new: not in the before ranking   out: below the after top %1")
                                  .arg(kTop),
                              this);
    legend->setForegroundRole(QPalette::PlaceholderText);

    auto* split = new QSplitter(Qt::Horizontal, this);
    for (int side = 0; side < 2; ++side) {
        auto* pane = new QWidget(split);
        auto* layout = new QVBoxLayout(pane);
        layout->setContentsMargins(0, 0, 0, 0);
        m_headers[side] = new QLabel(pane);
        m_headers[side]->setTextFormat(Qt::RichText);
        auto* table = new QTableWidget(0, ColumnCount, pane);
        table->setObjectName(side == 0 ? "beforeRanking" : "afterRanking");
        table->setHorizontalHeaderLabels({tr("#"), side == 0 ? tr("then") : tr("move"), tr("Candidate"), tr("Score"), tr("votes"), tr("")});
        table->verticalHeader()->hide();
        table->setSelectionBehavior(QAbstractItemView::SelectRows);
        table->setSelectionMode(QAbstractItemView::SingleSelection);
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->setAlternatingRowColors(true);
        table->setWordWrap(false);
        table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
        table->horizontalHeader()->setSectionResizeMode(CandidateColumn, QHeaderView::Stretch);
        const int m = table->fontMetrics().horizontalAdvance('m');
        table->setColumnWidth(RankColumn, 3 * m);
        table->setColumnWidth(MoveColumn, 4 * m);
        table->setColumnWidth(ScoreColumn, 5 * m);
        table->setColumnWidth(VotesColumn, 10 * m);
        table->setColumnWidth(MarksColumn, 3 * m);
        connect(table, &QTableWidget::currentCellChanged, this, [this, side](int row) {
            if (row >= 0)
                openCandidate(side, row);
        });
        m_tables[side] = table;
        layout->addWidget(m_headers[side]);
        layout->addWidget(table, 1);
        split->addWidget(pane);
    }
    m_detail = new CandidateDetailView(split);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 3);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(legend);
    layout->addWidget(split, 1);
}

RankingComparisonPage::~RankingComparisonPage() = default;

QIcon RankingComparisonPage::icon() const
{
    return style()->standardIcon(QStyle::SP_ArrowUp);
}

void RankingComparisonPage::setDocument(ProjectDocument* document)
{
    m_task->cancel();
    StudioPage::setDocument(document);
    m_view = {};
    for (QTableWidget* t : m_tables)
        t->setRowCount(0);
    m_detail->clear();
    m_job->clear();
    m_dirty = true;
    m_status->setText(document ? QString() : tr("No project open."));
    if (document && isVisible())
        activate();
}

void RankingComparisonPage::activate()
{
    if (!m_dirty || !document())
        return;
    m_dirty = false;
    QList<ModelChoice> models;
    try {
        models = evaluatedModels(document()->store());
    } catch (...) {
        showError(this, tr("Could not list the project's models."), currentExceptionMessage());
    }
    for (QComboBox* box : {m_before, m_after}) {
        const QString current = box->currentData().toString();
        const QSignalBlocker block(box);
        box->clear();
        for (const auto& m : models)
            box->addItem(m.label, m.name);
        box->setCurrentIndex(std::max(0, box->findData(current)));
    }
    if (m_wantBefore.isEmpty() && m_wantAfter.isEmpty() && m_before->currentIndex() == m_after->currentIndex()) {
        // First look: the latest training run against its base.
        try {
            const ModelPair latest = latestRunAndBase(document()->store());
            m_wantBefore = latest.before;
            m_wantAfter = latest.after;
        } catch (...) {
        }
        if (m_wantAfter.isEmpty() && m_after->count() > 1)
            m_after->setCurrentIndex(m_after->count() - 1);
    }
    if (!m_wantBefore.isEmpty())
        m_before->setCurrentIndex(std::max(0, m_before->findData(m_wantBefore)));
    if (!m_wantAfter.isEmpty())
        m_after->setCurrentIndex(std::max(0, m_after->findData(m_wantAfter)));
    loadJobs();
}

void RankingComparisonPage::setModels(const QString& before, const QString& after)
{
    m_wantBefore = before;
    m_wantAfter = after;
    m_dirty = true;
    activate();
}

void RankingComparisonPage::setJob(JobId job)
{
    m_wantJob = job;
    const int index = m_job->findData(QVariant::fromValue<qint64>(job));
    if (index >= 0) {
        m_job->setCurrentIndex(index);
        loadComparison();
    }
}

JobId RankingComparisonPage::job() const
{
    return m_job->currentData().toLongLong();
}

void RankingComparisonPage::loadJobs()
{
    ProjectDocument* doc = document();
    if (!doc)
        return;
    // (id, label, has a rule-relevant candidate)
    using Jobs = std::vector<std::tuple<qint64, QString, bool>>;
    auto jobs = std::make_shared<Jobs>();
    const std::string path = doc->path().toStdString();
    m_status->setText(tr("Reading the jobs…"));
    m_jobsTask->disconnect(this);
    connect(m_jobsTask, &BackgroundTask::succeeded, this, [this, jobs] {
        const QSignalBlocker block(m_job);
        m_job->clear();
        int firstRelevant = -1;
        for (const auto& [id, label, relevant] : *jobs) {
            if (relevant && firstRelevant < 0)
                firstRelevant = m_job->count();
            m_job->addItem(label, QVariant::fromValue<qint64>(id));
        }
        m_status->clear();
        // First look: a job the rules have relevant candidates for (the marks then mean something).
        const int index = m_wantJob ? m_job->findData(QVariant::fromValue<qint64>(m_wantJob)) : firstRelevant;
        m_job->setCurrentIndex(std::max(0, index));
        if (m_job->count() > 0)
            loadComparison();
        else
            m_status->setText(tr("The project has no jobs."));
    });
    connect(m_jobsTask, &BackgroundTask::failed, this, [this](const QString& message) {
        showError(this, tr("Could not read the jobs."), message);
    });
    m_jobsTask->start([path, jobs](TaskControl&) {
        auto store = db::ProjectStore::open(path, db::ProjectStore::OpenMode::OpenExisting, false);
        // The test split first: the stored evaluations rank its jobs.
        std::vector<JobId> ids = store->jobIds(Split::Test);
        const std::vector<JobId> withLabels = store->jobsWithRelevantLabel();
        const std::set<JobId> relevant(withLabels.begin(), withLabels.end());
        for (JobId id : store->jobIds(Split::Train))
            ids.push_back(id);
        for (JobId id : store->jobIds(Split::Unassigned))
            ids.push_back(id);
        for (JobId id : ids) {
            const auto job = store->job(id);
            if (!job)
                continue;
            QString label = QString::fromStdString(db::ProjectStore::jobReference(id, job->externalId));
            if (!job->facts.title.empty())
                label += QStringLiteral(" · ") + QString::fromStdString(job->facts.title);
            const Split split = store->splitOf(id);
            if (split != Split::Test)
                label += split == Split::Train ? QObject::tr("  (train split)") : QObject::tr("  (no split)");
            jobs->emplace_back(id, label, relevant.count(id) > 0);
        }
    });
}

void RankingComparisonPage::loadComparison()
{
    ProjectDocument* doc = document();
    const QString before = m_before->currentData().toString();
    const QString after = m_after->currentData().toString();
    if (!doc || m_job->currentIndex() < 0 || before.isEmpty() || after.isEmpty())
        return;
    const JobId jobId = job();
    m_wantJob = jobId;
    auto view = std::make_shared<JobView>();
    const std::string path = doc->path().toStdString();
    m_status->setText(tr("Ranking…"));
    m_task->disconnect(this, nullptr);
    connect(m_task, &BackgroundTask::succeeded, this, [this, view] { show(*view); });
    connect(m_task, &BackgroundTask::failed, this, [this](const QString& message) {
        m_status->setText(tr("Could not rank the job."));
        showError(this, tr("Could not compare the rankings."), message);
    });
    connect(m_task, &BackgroundTask::progress, this, [this](qint64, qint64, const QString& status) {
        if (!status.isEmpty())
            m_status->setText(status);
    });
    m_task->start([path, jobId, before = before.toStdString(), after = after.toStdString(), view](TaskControl& control) {
        auto store = db::ProjectStore::open(path, db::ProjectStore::OpenMode::OpenExisting, false);
        view->job = jobId;
        view->jobRecord = store->job(jobId);
        control.setStatus(QObject::tr("Ranking the job with %1…").arg(QString::fromStdString(before)));
        const auto rankingBefore = rankingOf(*store, before, jobId, view->beforeSource, control.cancelFlag());
        control.setStatus(QObject::tr("Ranking the job with %1…").arg(QString::fromStdString(after)));
        const auto rankingAfter = rankingOf(*store, after, jobId, view->afterSource, control.cancelFlag());
        view->rows = sideBySide(rankingBefore, rankingAfter, kTop);
        for (const RuleLabel& label : store->labelsOfJob(jobId))
            view->relevance.insert(label.candidateId, label.relevance);
        QHash<qint64, int> wins;
        for (const auto& outcome : db::JudgementReader(*store).outcomesOfJob(jobId, PreferenceSource::Ai)) {
            if (outcome.winner && outcome.loser) {
                ++wins[*outcome.winner];
                --wins[*outcome.loser];
            }
        }
        for (auto it = wins.cbegin(); it != wins.cend(); ++it)
            if (it.value() > 0)
                view->aiPreferred.insert(it.key());
        // The votes: Bradley-Terry over every judgement of the job (AI and human; a tie is half a win each way).
        db::JudgementReader reader(*store);
        std::vector<PairwiseComparison> comparisons;
        for (const auto& outcome : reader.outcomesOfJob(jobId, std::nullopt)) {
            if (outcome.winner && outcome.loser) {
                comparisons.push_back({*outcome.winner, *outcome.loser, false});
            } else if (const auto judgements = reader.ofPair(outcome.pairId); !judgements.empty()) {
                comparisons.push_back({judgements.front().shownFirst, judgements.front().shownSecond, true});
            }
        }
        if (!comparisons.empty()) {
            const BradleyTerryResult fit = fitBradleyTerry(comparisons);
            for (const auto& s : fit.scores) {
                QString text = QStringLiteral("%1 [%2, %3]").arg(s.score, 0, 'f', 2).arg(s.lower, 0, 'f', 2).arg(s.upper, 0, 'f', 2);
                if (fit.split())
                    text += QObject::tr(" g%1").arg(s.group + 1);
                view->votes.insert(s.candidate, text);
            }
        }
        for (const auto* side : {&view->rows.before, &view->rows.after})
            for (const auto& row : *side)
                if (!view->candidates.contains(row.candidate))
                    if (auto c = store->candidate(row.candidate))
                        view->candidates.insert(row.candidate, *c);
    });
}

void RankingComparisonPage::waitForLoaded()
{
    m_jobsTask->waitForFinished();
    m_task->waitForFinished();
}

void RankingComparisonPage::show(const JobView& view)
{
    m_view = view;
    const QString before = m_before->currentText().section(QStringLiteral(" — "), 0, 0);
    const QString after = m_after->currentText().section(QStringLiteral(" — "), 0, 0);
    m_headers[0]->setText(tr("<b>Before: %1</b> <span style=\"color:gray\">(%2)</span>").arg(before.toHtmlEscaped(), view.beforeSource));
    m_headers[1]->setText(tr("<b>After: %1</b> <span style=\"color:gray\">(%2)</span>").arg(after.toHtmlEscaped(), view.afterSource));
    int relevant = 0;
    for (auto it = view.relevance.cbegin(); it != view.relevance.cend(); ++it)
        relevant += it.value() >= 1 ? 1 : 0;
    int entered = 0;
    for (const auto& r : view.rows.after)
        entered += (!r.otherRank || *r.otherRank > kTop) ? 1 : 0;
    m_status->setText(tr("%1 of the after model's top %2 are new to the top; the rules mark %3 candidate(s) of this job relevant, "
                         "the AI judge preferred %4 in its pairs.")
                          .arg(entered)
                          .arg(kTop)
                          .arg(relevant)
                          .arg(view.aiPreferred.size()));
    fillTable(0);
    fillTable(1);
    m_detail->clear();
    if (m_tables[1]->rowCount() > 0)
        m_tables[1]->setCurrentCell(0, CandidateColumn); // the after model's best, in the detail pane
}

QString RankingComparisonPage::marks(CandidateId candidate) const
{
    QString m;
    if (m_view.relevance.value(candidate, 0) >= 1)
        m += QStringLiteral("★");
    if (m_view.aiPreferred.contains(candidate))
        m += QStringLiteral("◆");
    return m;
}

void RankingComparisonPage::fillTable(int side)
{
    QTableWidget* table = m_tables[side];
    const auto& rows = side == 0 ? m_view.rows.before : m_view.rows.after;
    const QSignalBlocker block(table);
    table->setRowCount(static_cast<int>(rows.size()));
    const QColor up(QStringLiteral("#2e8b57")), down(QStringLiteral("#c0392b")), fresh(QStringLiteral("#2f6fd6"));
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        const ComparedRank& row = rows[static_cast<std::size_t>(r)];
        const QString move = side == 0 ? destination(row.otherRank, kTop) : moveArrow(row.otherRank, row.rank);
        auto* moveItem = item(move, Qt::AlignCenter);
        if (move.startsWith(QStringLiteral("↑")))
            moveItem->setForeground(up);
        else if (move.startsWith(QStringLiteral("↓")) || move == tr("out"))
            moveItem->setForeground(down);
        else if (move == tr("new"))
            moveItem->setForeground(fresh);
        const auto c = m_view.candidates.find(row.candidate);
        table->setItem(r, RankColumn, item(QString::number(row.rank), Qt::AlignRight | Qt::AlignVCenter));
        table->setItem(r, MoveColumn, moveItem);
        auto* candidateItem = item(c != m_view.candidates.end() ? candidateLine(*c) : QStringLiteral("C%1").arg(row.candidate));
        candidateItem->setToolTip(candidateItem->text());
        table->setItem(r, CandidateColumn, candidateItem);
        table->setItem(r, ScoreColumn, item(QString::number(row.score, 'f', 3), Qt::AlignRight | Qt::AlignVCenter));
        auto* votesItem = item(m_view.votes.value(row.candidate, QStringLiteral("\u2013")), Qt::AlignRight | Qt::AlignVCenter);
        votesItem->setToolTip(tr("Bradley-Terry score of the job's judgements with its bootstrap 95% interval (g: the "
                                 "group of candidates linked by comparisons, when they fall into several)"));
        table->setItem(r, VotesColumn, votesItem);
        auto* marksItem = item(marks(row.candidate), Qt::AlignCenter);
        marksItem->setToolTip(tr("★ relevant by the rules, ◆ preferred by the AI judge"));
        table->setItem(r, MarksColumn, marksItem);
    }
}

void RankingComparisonPage::openCandidate(int side, int row)
{
    const auto& rows = side == 0 ? m_view.rows.before : m_view.rows.after;
    if (row < 0 || row >= static_cast<int>(rows.size()) || !m_view.jobRecord)
        return;
    const ComparedRank& r = rows[static_cast<std::size_t>(row)];
    const auto c = m_view.candidates.find(r.candidate);
    if (c == m_view.candidates.end())
        return;
    const std::optional<int> before = side == 0 ? std::optional<int>(r.rank) : r.otherRank;
    const std::optional<int> after = side == 1 ? std::optional<int>(r.rank) : r.otherRank;
    const auto rankText = [](std::optional<int> rank) {
        return rank ? QString::number(*rank) : QObject::tr("not in the stored ranking");
    };
    QStringList parts;
    parts << tr("Before: rank %1 · after: rank %2").arg(rankText(before), rankText(after));
    if (m_view.relevance.contains(r.candidate))
        parts << (m_view.relevance.value(r.candidate) >= 1 ? tr("★ relevant by the rules") : tr("not relevant by the rules"));
    if (m_view.aiPreferred.contains(r.candidate))
        parts << tr("◆ preferred by the AI judge");
    // The other table follows, so the two rows of one candidate are seen together.
    QTableWidget* other = m_tables[1 - side];
    const auto& otherRows = side == 0 ? m_view.rows.after : m_view.rows.before;
    const QSignalBlocker block(other);
    other->clearSelection();
    for (int i = 0; i < static_cast<int>(otherRows.size()); ++i)
        if (otherRows[static_cast<std::size_t>(i)].candidate == r.candidate)
            other->selectRow(i);
    m_detail->showCandidate(*c, *m_view.jobRecord, parts.join(QStringLiteral("  ·  ")), AppSettings().maskPersonalDetails());
}

} // namespace rankpo::ui
