// Where a project lives as the app shows and remembers it: files and server URLs, and a typed password that
// reaches libpq but never what is shown or kept.
#include "db/postgres/postgres_url.h"
#include "ui/common/project_location.h"

#include <QDir>
#include <QtTest>

using namespace rankpo::ui;

class TestProjectLocation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void filesAndUrls()
    {
        QVERIFY(isServerLocation("postgresql://me@db/team?project=fellows"));
        QVERIFY(isServerLocation("postgres://db/team?project=fellows"));
        QVERIFY(!isServerLocation("/home/me/fellows.rankpo"));
        QVERIFY(!isServerLocation("postgresql.rankpo"));

        QCOMPARE(projectTitle("/home/me/fellows.rankpo"), QStringLiteral("fellows"));
        QCOMPARE(locationDetail("/home/me/fellows.rankpo"), QStringLiteral("/home/me"));
        QCOMPARE(projectTitle("postgresql://me:pw@db:5433/team?project=fellows"), QStringLiteral("fellows"));
        QCOMPARE(locationDetail("postgresql://me:pw@db:5433/team?project=fellows"), QStringLiteral("postgresql://me@db:5433/team"));
        // A URL without a project still shows something (opening it then says what is missing), never the password.
        QCOMPARE(projectTitle("postgresql://me:pw@db/team"), QStringLiteral("postgresql://me@db/team"));
    }

    void rememberedWithoutPassword()
    {
        QCOMPARE(rememberedLocation("postgresql://me:secret@db/team?project=fellows"),
                 QStringLiteral("postgresql://me@db/team?project=fellows"));
        QCOMPARE(rememberedLocation("postgresql://me@db/team?project=fellows&password=secret&sslmode=require"),
                 QStringLiteral("postgresql://me@db/team?project=fellows&sslmode=require"));
        QCOMPARE(rememberedLocation("/p/./x/../a.rankpo"), QStringLiteral("/p/a.rankpo"));
    }

    void passwordGoesToLibpqOnly()
    {
        const QString url = QStringLiteral("postgresql://me@db/team?project=fellows");
        QCOMPARE(withServerPassword(url, QString()), url);
        const QString opened = withServerPassword(url, QStringLiteral("p&ss w=rd"));
        const auto parsed = rankpo::db::parsePostgresUrl(opened.toStdString());
        QCOMPARE(parsed.project, std::string("fellows"));
        QVERIFY(parsed.conninfo.find("password=p%26ss%20w%3Drd") != std::string::npos);
        QVERIFY(parsed.display.find("password") == std::string::npos);
        QCOMPARE(rememberedLocation(opened), url);
        // Without a query of its own the password starts one.
        QCOMPARE(withServerPassword(QStringLiteral("postgresql://db/team"), QStringLiteral("x")),
                 QStringLiteral("postgresql://db/team?password=x"));
    }

    void passwordProblemsAreRecognised()
    {
        QVERIFY(needsServerPassword("connection to server at \"127.0.0.1\", port 5432 failed: fe_sendauth: no password supplied"));
        QVERIFY(needsServerPassword("FATAL:  password authentication failed for user \"bob\""));
        QVERIFY(!needsServerPassword("could not connect to server: Connection refused"));
    }
};

QTEST_APPLESS_MAIN(TestProjectLocation)
#include "tst_project_location.moc"
