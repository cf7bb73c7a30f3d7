#include "ui/common/project_location.h"

#include "db/project_location.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

#include <exception>

namespace rankpo::ui {

bool isServerLocation(const QString& location)
{
    return db::isServerLocation(location.trimmed().toStdString());
}

QString rememberedLocation(const QString& location)
{
    if (isServerLocation(location))
        return QString::fromStdString(db::locationWithoutPassword(location.trimmed().toStdString()));
    return QDir::cleanPath(QFileInfo(location).absoluteFilePath());
}

QString projectTitle(const QString& location)
{
    if (!isServerLocation(location))
        return QFileInfo(location).completeBaseName();
    try {
        return QString::fromStdString(db::serverProjectOf(location.trimmed().toStdString())->project);
    } catch (const std::exception&) {
        return rememberedLocation(location); // a URL without a valid project: opening it says what is wrong
    }
}

QString locationDetail(const QString& location)
{
    if (!isServerLocation(location))
        return QFileInfo(location).absolutePath();
    try {
        return QString::fromStdString(db::serverProjectOf(location.trimmed().toStdString())->server);
    } catch (const std::exception&) {
        return rememberedLocation(location);
    }
}

QString withServerPassword(const QString& url, const QString& password)
{
    if (password.isEmpty())
        return url;
    const QString trimmed = url.trimmed();
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(password));
    return trimmed + (trimmed.contains(QLatin1Char('?')) ? QStringLiteral("&") : QStringLiteral("?"))
           + QStringLiteral("password=") + encoded;
}

bool needsServerPassword(const QString& message)
{
    // libpq's own words (fe-auth.c, the server's auth failure), which name no error code a client could test.
    return message.contains(QStringLiteral("no password supplied"))
           || message.contains(QStringLiteral("password authentication failed"));
}

} // namespace rankpo::ui
