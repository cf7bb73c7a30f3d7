#include "ui/agreement/agreement_page.h"

#include "core/util/error.h"
#include "db/project_store.h"
#include "db/judgement_reader.h"
#include "db/project_texts.h"
#include "ui/common/background_task.h"
#include "ui/document/project_document.h"
#include "ui/common/stat_card.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QScatterSeries>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <memory>

namespace rankpo::ui {
namespace {

QString percent(double rate)
{
    return std::isnan(rate) ? QStringLiteral("–") : QStringLiteral("%1 %").arg(rate * 100.0, 0, 'f', 1);
}

QTableWidgetItem* item(const QString& text, bool number = false)
{
    auto* i = new QTableWidgetItem(text);
    i->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    if (number)
        i->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return i;
}

QTableWidget* makeTable(const QStringList& headers, QWidget* parent)
{
    auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->hide();
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setAlternatingRowColors(true);
    t->horizontalHeader()->setStretchLastSection(true);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 8);
    t->setTextElideMode(Qt::ElideMiddle);
    t->setWordWrap(false);
    return t;
}

// Fits columns to their contents, but no column takes more than its share of a narrow table.
void fitColumns(QTableWidget* table, int maxChars)
{
    table->resizeColumnsToContents();
    const int max = table->fontMetrics().horizontalAdvance('m') * maxChars;
    for (int c = 0; c < table->columnCount(); ++c)
        table->setColumnWidth(c, std::min(table->columnWidth(c), max));
}

} // namespace

AgreementPage::AgreementPage(QWidget* parent) : StudioPage(parent), m_task(new BackgroundTask(this))
{
    setObjectName("agreementPage");
    m_agreement = new StatCard(tr("Human–AI agreement"), this);
    m_kappa = new StatCard(tr("Cohen's κ"), this);
    m_team = new StatCard(tr("Team: Krippendorff's α"), this);
    m_team->setObjectName("teamAgreement");
    m_swap = new StatCard(tr("AI swap consistency"), this);
    m_disagreementCount = new StatCard(tr("Disagreements to resolve"), this);
    auto* cards = new QHBoxLayout;
    for (StatCard* c : {m_agreement, m_kappa, m_team, m_swap, m_disagreementCount})
        cards->addWidget(c, 1);

    m_firstPosition = new QChartView(this);
    m_calibration = new QChartView(this);
    for (QChartView* v : {m_firstPosition, m_calibration}) {
        v->setRenderHint(QPainter::Antialiasing);
        v->setMinimumHeight(220);
    }
    auto* charts = new QHBoxLayout;
    charts->addWidget(m_firstPosition, 1);
    charts->addWidget(m_calibration, 1);

    m_annotators = makeTable({tr("Source"), tr("Annotator"), tr("Judged"), tr("Ties"), tr("1st shown"), tr("p")}, this);
    m_annotators->setObjectName("annotatorTable");
    m_disagreements = makeTable({tr("Pair"), tr("Job"), tr("Person"), tr("Prefers"), tr("AI judge"), tr("Prefers"), tr("AI confidence")}, this);
    m_disagreements->setObjectName("disagreementTable");
    connect(m_disagreements, &QTableWidget::cellActivated, this, [this](int row) {
        Q_EMIT resolveRequested(m_disagreements->item(row, 0)->data(Qt::UserRole).toLongLong());
    });
    m_resolve = new QPushButton(tr("Resolve in Annotate ▶"), this);
    m_resolve->setEnabled(false);
    connect(m_disagreements, &QTableWidget::itemSelectionChanged, this, [this] {
        m_resolve->setEnabled(!m_disagreements->selectedItems().isEmpty());
    });
    connect(m_resolve, &QPushButton::clicked, this, [this] {
        const int row = m_disagreements->currentRow();
        if (row >= 0)
            Q_EMIT resolveRequested(m_disagreements->item(row, 0)->data(Qt::UserRole).toLongLong());
    });
    auto* refresh = new QPushButton(tr("Recompute"), this);
    connect(refresh, &QPushButton::clicked, this, &AgreementPage::recompute);
    m_status = new QLabel(this);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("<b>Annotators</b>"), left));
    leftLayout->addWidget(m_annotators);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto* disagreementHeader = new QHBoxLayout;
    disagreementHeader->addWidget(new QLabel(tr("<b>Disagreements</b> (the AI's most confident first)"), right), 1);
    disagreementHeader->addWidget(m_resolve);
    rightLayout->addLayout(disagreementHeader);
    rightLayout->addWidget(m_disagreements);
    auto* tables = new QSplitter(Qt::Horizontal, this);
    tables->addWidget(left);
    tables->addWidget(right);
    tables->setStretchFactor(0, 2);
    tables->setStretchFactor(1, 3);

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(refresh);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(cards);
    layout->addLayout(charts, 2);
    layout->addWidget(tables, 3);
    layout->addLayout(bottom);

    fillFirstPositionChart();
    fillCalibrationChart();
}

AgreementPage::~AgreementPage() = default;

QIcon AgreementPage::icon() const
{
    return style()->standardIcon(QStyle::SP_FileDialogContentsView);
}

void AgreementPage::setDocument(ProjectDocument* document)
{
    if (ProjectDocument* old = this->document())
        disconnect(old, nullptr, this, nullptr);
    m_task->cancel();
    StudioPage::setDocument(document);
    m_dirty = true;
    m_summary = {};
    show(m_summary, {});
    if (document) {
        auto markDirty = [this] {
            m_dirty = true;
            if (isVisible())
                recompute();
        };
        connect(document, &ProjectDocument::pairEdited, this, markDirty);
        connect(document, &ProjectDocument::dataChanged, this, markDirty);
    }
    m_status->setText(document ? QString() : tr("No project open."));
}

void AgreementPage::activate()
{
    if (m_dirty)
        recompute();
}

void AgreementPage::recompute()
{
    auto* doc = document();
    if (!doc)
        return;
    m_dirty = false;
    m_status->setText(tr("Computing over every judgement…"));
    const std::string path = doc->path().toStdString();
    auto summary = std::make_shared<AgreementSummary>();
    auto labels = std::make_shared<Labels>();
    disconnect(m_task, nullptr, this, nullptr);
    connect(m_task, &BackgroundTask::succeeded, this, [this, summary, labels] {
        show(*summary, *labels);
        std::int64_t judgements = 0;
        for (const auto& a : summary->annotators)
            judgements += a.judgements;
        m_status->setText(tr("%1 judgement(s) by %n annotator(s).", nullptr, static_cast<int>(summary->annotators.size()))
                              .arg(QLocale().toString(static_cast<qlonglong>(judgements))));
    });
    connect(m_task, &BackgroundTask::failed, this, [this](const QString& message) {
        m_status->setText(tr("Could not compute the agreement: %1").arg(message));
    });
    m_task->start([path, summary, labels](TaskControl& control) {
        auto store = db::ProjectStore::open(path, db::ProjectStore::OpenMode::ReadOnly, false);
        // Every judgement without its rationale (which the numbers do not need and which dominates memory).
        *summary = AgreementCalculator().compute(db::JudgementReader(*store).list({}, false, control.cancelFlag()));
        // Names for the disagreement queue (at most kMaxDisagreements rows).
        db::ProjectTextReader texts(*store);
        for (const auto& d : summary->disagreements) {
            if (!labels->jobs.contains(d.job))
                labels->jobs.insert(d.job, QString::fromStdString(texts.jobLabel(d.job)));
            for (const auto& w : {d.humanWinner, d.aiWinner}) {
                if (w && !labels->candidates.contains(*w))
                    labels->candidates.insert(*w, QString::fromStdString(texts.candidateReference(*w)));
            }
        }
    });
}

void AgreementPage::waitForComputed()
{
    m_task->waitForFinished();
}

void AgreementPage::show(const AgreementSummary& s, const Labels& labels)
{
    m_summary = s;
    const QLocale locale;
    m_agreement->setValue(percent(s.agreement), tr("%1 comparison(s) on %2 pair(s) judged by both")
                                                     .arg(locale.toString(static_cast<qlonglong>(s.comparisons)),
                                                          locale.toString(static_cast<qlonglong>(s.sharedPairs))));
    m_kappa->setValue(std::isnan(s.kappa) ? QStringLiteral("–") : QString::number(s.kappa, 'f', 3),
                      s.comparisons ? tr("agreement beyond the %1 expected by chance (A / B / tie)").arg(percent(s.expectedAgreement))
                                    : tr("agreement beyond chance over A / B / tie"));
    const auto figure = [](double v) { return std::isnan(v) ? QStringLiteral("–") : QString::number(v, 'f', 3); };
    m_team->setValue(figure(s.people.krippendorffAlpha),
                     s.people.units ? tr("%1 pair(s) judged by two or more people · Fleiss' κ %2 · with the AI "
                                         "judges α %3")
                                          .arg(locale.toString(static_cast<qlonglong>(s.people.units)),
                                               figure(s.people.fleissKappa), figure(s.everyone.krippendorffAlpha))
                                    : tr("no pair judged by two or more people yet · with the AI judges α %1")
                                          .arg(figure(s.everyone.krippendorffAlpha)));
    m_swap->setValue(percent(s.swapRate), tr("same outcome in both orders: %1 of %2 comparison(s) on %3 pair(s)")
                                              .arg(locale.toString(static_cast<qlonglong>(s.swapConsistent)),
                                                   locale.toString(static_cast<qlonglong>(s.swapComparisons)),
                                                   locale.toString(static_cast<qlonglong>(s.swapPairs))));
    m_disagreementCount->setValue(locale.toString(static_cast<qlonglong>(s.disagreementCount)),
                                  tr("pairs where a person and the AI chose differently"));

    m_annotators->setRowCount(static_cast<int>(s.annotators.size()));
    for (int r = 0; r < static_cast<int>(s.annotators.size()); ++r) {
        const auto& a = s.annotators[static_cast<std::size_t>(r)];
        m_annotators->setItem(r, 0, item(a.source == PreferenceSource::Ai ? tr("AI judge") : tr("person")));
        m_annotators->setItem(r, 1, item(a.annotator.empty() ? tr("(unnamed)") : QString::fromStdString(a.annotator)));
        m_annotators->setItem(r, 2, item(locale.toString(static_cast<qlonglong>(a.judgements)), true));
        m_annotators->setItem(r, 3, item(locale.toString(static_cast<qlonglong>(a.ties)), true));
        m_annotators->setItem(r, 4, item(percent(a.firstShownRate), true));
        m_annotators->item(r, 4)->setToolTip(tr("How often the candidate shown first was chosen, of the judgements that are not ties"));
        const bool decided = a.judgements > a.ties;
        m_annotators->setItem(r, 5, item(decided ? (a.pValue < 0.001 ? QStringLiteral("< 0.001") : QString::number(a.pValue, 'f', 3))
                                                 : QStringLiteral("–"),
                                         true));
        m_annotators->item(r, 5)->setToolTip(tr("Exact two-sided binomial test against 50 %: a small p means the first "
                                                "position wins more (or less) often than chance explains"));
    }
    fitColumns(m_annotators, 14);

    auto candidateLabel = [&labels](const std::optional<CandidateId>& w) {
        if (!w)
            return tr("tie");
        return labels.candidates.value(*w, QStringLiteral("C%1").arg(*w));
    };
    m_disagreements->setRowCount(static_cast<int>(s.disagreements.size()));
    for (int r = 0; r < static_cast<int>(s.disagreements.size()); ++r) {
        const auto& d = s.disagreements[static_cast<std::size_t>(r)];
        auto* pairItem = item(QStringLiteral("P%1").arg(d.pair), true);
        pairItem->setData(Qt::UserRole, QVariant::fromValue<qlonglong>(d.pair));
        m_disagreements->setItem(r, 0, pairItem);
        m_disagreements->setItem(r, 1, item(labels.jobs.value(d.job, QStringLiteral("J%1").arg(d.job))));
        m_disagreements->setItem(r, 2, item(QString::fromStdString(d.human)));
        m_disagreements->setItem(r, 3, item(candidateLabel(d.humanWinner)));
        m_disagreements->setItem(r, 4, item(QString::fromStdString(d.ai)));
        m_disagreements->setItem(r, 5, item(candidateLabel(d.aiWinner)));
        m_disagreements->setItem(r, 6, item(d.aiConfidence ? QString::number(*d.aiConfidence) : QString(), true));
    }
    fitColumns(m_disagreements, 22);
    fillFirstPositionChart();
    fillCalibrationChart();
}

void AgreementPage::styleChart(QChart* chart)
{
    const QPalette pal = palette();
    chart->setTheme(pal.color(QPalette::Base).lightness() < 128 ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(pal.brush(QPalette::Base));
    chart->setTitleBrush(pal.brush(QPalette::Text));
    chart->legend()->setLabelColor(pal.color(QPalette::Text));
    chart->legend()->setAlignment(Qt::AlignBottom);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsBrush(pal.brush(QPalette::Text));
        axis->setTitleBrush(pal.brush(QPalette::Text));
    }
}

void AgreementPage::fillFirstPositionChart()
{
    auto* chart = new QChart;
    chart->setTitle(tr("First-shown candidate chosen (ties left out)"));
    auto* set = new QBarSet(tr("first shown chosen, %"));
    QStringList names;
    for (const auto& a : m_summary.annotators) {
        if (std::isnan(a.firstShownRate))
            continue;
        *set << a.firstShownRate * 100.0;
        names << QStringLiteral("%1 %2").arg(a.source == PreferenceSource::Ai ? tr("AI") : tr("person"),
                                              QString::fromStdString(a.annotator));
    }
    auto* series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPrecision(3);
    chart->addSeries(series);
    auto* categories = new QBarCategoryAxis;
    categories->append(names.isEmpty() ? QStringList{tr("no judgements")} : names);
    auto* values = new QValueAxis;
    values->setRange(0, 100);
    values->setLabelFormat(QStringLiteral("%d"));
    values->setTitleText(tr("% of decided judgements"));
    chart->addAxis(categories, Qt::AlignLeft);
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(categories);
    series->attachAxis(values);
    // The unbiased rate: with randomised order, anything far from it is position bias.
    auto* fair = new QLineSeries;
    fair->setName(tr("50 %: no position bias"));
    fair->append(50, -0.5);
    fair->append(50, std::max<qsizetype>(1, names.size()) - 0.5);
    QPen pen(palette().color(QPalette::Text));
    pen.setStyle(Qt::DashLine);
    chart->addSeries(fair);
    fair->setPen(pen);
    fair->attachAxis(values);
    fair->attachAxis(categories);
    styleChart(chart);
    fair->setPen(pen);
    QChart* old = m_firstPosition->chart();
    m_firstPosition->setChart(chart);
    delete old;
}

void AgreementPage::fillCalibrationChart()
{
    auto* chart = new QChart;
    chart->setTitle(std::isnan(m_summary.calibrationError)
                        ? tr("AI calibration: stated confidence vs. agreement with people")
                        : tr("AI calibration: stated confidence vs. agreement with people (ECE %1)")
                              .arg(m_summary.calibrationError, 0, 'f', 3));
    auto* observed = new QLineSeries;
    observed->setName(tr("agreement with people"));
    auto* points = new QScatterSeries;
    points->setName(tr("confidence bins"));
    points->setMarkerSize(9);
    for (const auto& bin : m_summary.calibration) {
        if (bin.comparisons == 0)
            continue;
        observed->append(bin.meanConfidence, bin.agreementRate * 100.0);
        points->append(bin.meanConfidence, bin.agreementRate * 100.0);
    }
    auto* ideal = new QLineSeries;
    ideal->setName(tr("perfect calibration"));
    ideal->append(0, 0);
    ideal->append(100, 100);
    chart->addSeries(ideal);
    chart->addSeries(observed);
    chart->addSeries(points);
    auto* x = new QValueAxis;
    x->setRange(-2, 102);
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickAnchor(0);
    x->setTickInterval(25);
    x->setTitleText(tr("AI confidence"));
    x->setLabelFormat(QStringLiteral("%d"));
    auto* y = new QValueAxis;
    y->setRange(-4, 104); // room for the markers at 0 and 100 %
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(25);
    y->setTitleText(tr("% agreeing"));
    y->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{ideal, observed, points}) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    styleChart(chart);
    QPen pen(palette().color(QPalette::PlaceholderText));
    pen.setStyle(Qt::DashLine);
    ideal->setPen(pen);
    QChart* old = m_calibration->chart();
    m_calibration->setChart(chart);
    delete old;
}

} // namespace rankpo::ui
