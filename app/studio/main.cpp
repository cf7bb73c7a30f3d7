// rankpo-studio [PROJECT] [--demo]: the desktop app. Everything but argument handling lives in ui/.
#include "ui/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("RankPO"));
    QApplication::setApplicationName(QStringLiteral("RankPO Studio"));
    QApplication::setApplicationVersion(QStringLiteral(RANKPO_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("rankpo-studio"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/rankpo/rankpo-studio.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("RankPO Studio: judge job-candidate pairs, audit the AI judge, "
                                                    "export preference data."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The project file (.rankpo) to open."));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Open the built-in demo project."));
    const QCommandLineOption page(QStringLiteral("page"),
                                  QStringLiteral("The page to show: start, pairs, annotate, review, agreement."),
                                  QStringLiteral("name"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size, e.g. 1400x900."), QStringLiteral("WxH"));
    const QCommandLineOption dialog(QStringLiteral("dialog"),
                                    QStringLiteral("Open a dialog on start: import (with --import-file) or export."),
                                    QStringLiteral("name"));
    const QCommandLineOption importFile(QStringLiteral("import-file"), QStringLiteral("A file for the import dialog."),
                                        QStringLiteral("file"));
    parser.addOptions({demo, page, size, dialog, importFile});
    parser.process(app);

    rankpo::ui::MainWindow window;
    if (parser.isSet(size)) {
        const QStringList wh = parser.value(size).split('x');
        if (wh.size() == 2)
            window.resize(wh[0].toInt(), wh[1].toInt());
    }
    window.show();
    if (parser.isSet(demo))
        window.openDemoProject();
    else if (!parser.positionalArguments().isEmpty())
        window.openProject(parser.positionalArguments().front());
    if (parser.isSet(page) && !window.showPageByName(parser.value(page)))
        qWarning("unknown page '%s'", qPrintable(parser.value(page)));
    if (parser.value(dialog) == QLatin1String("import"))
        QTimer::singleShot(0, &window, [&window, files = parser.values(importFile)] { window.importData(files); });
    else if (parser.value(dialog) == QLatin1String("export"))
        QTimer::singleShot(0, &window, [&window] { window.exportData(); });
    return QApplication::exec();
}
