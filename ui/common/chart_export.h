#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class QChartView;
class QWidget;

namespace rankpo::ui {

// The numbers behind a chart, as they are saved to CSV: a header and rows.
struct ChartTable {
    QStringList header;
    QList<QStringList> rows;
};

// Writes the view as PNG (at twice the screen's resolution, for documents) or SVG (QSvgGenerator),
// chosen by the file's suffix. Throws rankpo::Error (Io) naming the file on failure.
void saveChartImage(QChartView* view, const QString& path);
// RFC 4180 CSV, UTF-8. Throws rankpo::Error (Io) naming the file.
void saveChartTable(const ChartTable& table, const QString& path);
QString csvText(const ChartTable& table);

// Asks where to save (PNG, SVG or CSV) and saves the chart or its data; errors become dialogs.
void offerChartExport(QWidget* parent, QChartView* view, const ChartTable& table, const QString& baseName);

} // namespace rankpo::ui
