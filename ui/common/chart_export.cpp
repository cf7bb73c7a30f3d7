#include "ui/common/chart_export.h"

#include "core/util/error.h"
#include "ui/shell/app_settings.h"
#include "ui/common/error_dialog.h"

#include <QChartView>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace rankpo::ui {
namespace {

QString csvField(const QString& field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n'))
        && !field.contains(QLatin1Char('\r')))
        return field;
    QString quoted = field;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

QString csvText(const ChartTable& table)
{
    QString out;
    const auto line = [&out](const QStringList& fields) {
        QStringList escaped;
        for (const QString& f : fields)
            escaped << csvField(f);
        out += escaped.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    };
    line(table.header);
    for (const QStringList& row : table.rows)
        line(row);
    return out;
}

void saveChartTable(const ChartTable& table, const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw ioError(path.toStdString() + ": cannot write: " + file.errorString().toStdString());
    file.write(csvText(table).toUtf8());
    if (!file.commit())
        throw ioError(path.toStdString() + ": cannot write: " + file.errorString().toStdString());
}

void saveChartImage(QChartView* view, const QString& path)
{
    const QSize size = view->size();
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(view->chart() ? view->chart()->title() : QString());
        svg.setDescription(QStringLiteral("RankPO Studio"));
        QPainter painter;
        if (!painter.begin(&svg))
            throw ioError(path.toStdString() + ": cannot write the SVG file");
        view->render(&painter);
        painter.end();
        if (!QFileInfo(path).exists() || QFileInfo(path).size() == 0)
            throw ioError(path.toStdString() + ": cannot write the SVG file");
        return;
    }
    QImage image(size * 2, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(2);
    image.fill(view->palette().color(QPalette::Base));
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        view->render(&painter);
    }
    if (!image.save(path, "PNG"))
        throw ioError(path.toStdString() + ": cannot write the PNG file");
}

void offerChartExport(QWidget* parent, QChartView* view, const ChartTable& table, const QString& baseName)
{
    AppSettings settings;
    const QString png = QObject::tr("PNG image (*.png)");
    const QString svg = QObject::tr("SVG drawing (*.svg)");
    const QString csv = QObject::tr("The chart's data as CSV (*.csv)");
    QString filter = png;
    QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Save the chart"),
                                                QDir(settings.lastDirectory()).filePath(baseName + QStringLiteral(".png")),
                                                QStringList{png, svg, csv}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return;
    const QString suffix = filter == svg ? QStringLiteral(".svg") : filter == csv ? QStringLiteral(".csv") : QStringLiteral(".png");
    if (QFileInfo(path).suffix().isEmpty())
        path += suffix;
    settings.setLastDirectory(QFileInfo(path).absolutePath());
    try {
        if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
            saveChartTable(table, path);
        else
            saveChartImage(view, path);
    } catch (...) {
        showError(parent, QObject::tr("Could not save the chart."), currentExceptionMessage());
    }
}

} // namespace rankpo::ui
