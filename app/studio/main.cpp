// rankpo-studio [PROJECT] [--demo]: the desktop app. Everything but argument handling lives in ui/.
#include "core/util/openmp_environment.h"
#include "ui/shell/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

int main(int argc, char** argv)
{
    rankpo::ensurePassiveOpenMpWait(argc, argv); // see core/util/openmp_environment.h
    // --help and --version print and exit: they need no display.
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if ((arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version")
            && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    }
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
                                  QStringLiteral("The page to show: start, pairs, annotate, review, agreement, adjudicate, training, evaluation, rankings."),
                                  QStringLiteral("name"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size, e.g. 1400x900."), QStringLiteral("WxH"));
    const QCommandLineOption import(QStringLiteral("import"),
                                    QStringLiteral("Import a file into the project (repeatable): opens the import wizard at its check."),
                                    QStringLiteral("file"));
    const QCommandLineOption exportData(QStringLiteral("export"), QStringLiteral("Open the export dialog."));
    const QCommandLineOption compare(QStringLiteral("compare"),
                                     QStringLiteral("The models the Evaluation and Rankings pages compare, e.g. stage1,rankpo."),
                                     QStringLiteral("before,after"));
    parser.addOptions({demo, page, size, import, exportData, compare});
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
    if (parser.isSet(compare)) {
        const QStringList models = parser.value(compare).split(QLatin1Char(','));
        if (models.size() == 2 && !models[0].trimmed().isEmpty() && !models[1].trimmed().isEmpty())
            window.compareModels(models[0].trimmed(), models[1].trimmed());
        else
            qWarning("--compare wants two model names separated by a comma, e.g. stage1,rankpo");
    }
    if (parser.isSet(page) && !window.showPageByName(parser.value(page)))
        qWarning("unknown page '%s'", qPrintable(parser.value(page)));
    if (parser.isSet(import))
        QTimer::singleShot(0, &window, [&window, files = parser.values(import)] { window.importData(files); });
    else if (parser.isSet(exportData))
        QTimer::singleShot(0, &window, [&window] { window.exportData(); });
    return QApplication::exec();
}
