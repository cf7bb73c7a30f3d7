#include "ui/shell/app_settings.h"

#include "ui/common/project_location.h"

#include <QDir>


namespace rankpo::ui {
namespace {

QString normalised(const QString& path)
{
    return rememberedLocation(path); // a server URL: without its password
}

} // namespace

QStringList withRecentProject(const QStringList& recent, const QString& path, int max)
{
    const QString key = normalised(path);
    QStringList out{key};
    for (const QString& entry : recent) {
        if (out.size() >= max)
            break;
        if (normalised(entry) != key)
            out << entry;
    }
    return out;
}

AppSettings::AppSettings() = default;

QStringList AppSettings::recentProjects() const
{
    return m_settings.value("recentProjects").toStringList();
}

void AppSettings::addRecentProject(const QString& path)
{
    m_settings.setValue("recentProjects", withRecentProject(recentProjects(), path, kMaxRecentProjects));
}

void AppSettings::removeRecentProject(const QString& path)
{
    QStringList list = recentProjects();
    list.removeAll(normalised(path));
    m_settings.setValue("recentProjects", list);
}

QString AppSettings::annotator() const { return m_settings.value("annotation/annotator").toString(); }
void AppSettings::setAnnotator(const QString& name) { m_settings.setValue("annotation/annotator", name.trimmed()); }

bool AppSettings::blindMode() const { return m_settings.value("annotation/blind", true).toBool(); }
void AppSettings::setBlindMode(bool on) { m_settings.setValue("annotation/blind", on); }
bool AppSettings::maskPersonalDetails() const { return m_settings.value("annotation/maskPersonalDetails", false).toBool(); }
void AppSettings::setMaskPersonalDetails(bool on) { m_settings.setValue("annotation/maskPersonalDetails", on); }
bool AppSettings::autoAdvance() const { return m_settings.value("annotation/autoAdvance", true).toBool(); }
void AppSettings::setAutoAdvance(bool on) { m_settings.setValue("annotation/autoAdvance", on); }
int AppSettings::defaultConfidence() const { return m_settings.value("annotation/confidence", 80).toInt(); }
void AppSettings::setDefaultConfidence(int value) { m_settings.setValue("annotation/confidence", value); }

QByteArray AppSettings::windowGeometry() const { return m_settings.value("window/geometry").toByteArray(); }
QByteArray AppSettings::windowState() const { return m_settings.value("window/state").toByteArray(); }
void AppSettings::setWindowLayout(const QByteArray& geometry, const QByteArray& state)
{
    m_settings.setValue("window/geometry", geometry);
    m_settings.setValue("window/state", state);
}

QByteArray AppSettings::layoutState(const QString& key) const { return m_settings.value("layout/" + key).toByteArray(); }
void AppSettings::setLayoutState(const QString& key, const QByteArray& state) { m_settings.setValue("layout/" + key, state); }

QString AppSettings::lastDirectory() const { return m_settings.value("lastDirectory", QDir::homePath()).toString(); }
QString AppSettings::lastServerUrl() const { return m_settings.value("lastServerUrl").toString(); }
void AppSettings::setLastServerUrl(const QString& url) { m_settings.setValue("lastServerUrl", rememberedLocation(url)); }
void AppSettings::setLastDirectory(const QString& directory) { m_settings.setValue("lastDirectory", directory); }

} // namespace rankpo::ui
