#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace rankpo::ui {

// What the studio remembers between runs (QSettings: ~/.config/RankPO/RankPO Studio.conf on Linux):
// recent projects, the annotator's name, the annotation options and the window layout.
class AppSettings {
public:
    static constexpr int kMaxRecentProjects = 10;

    AppSettings();

    QStringList recentProjects() const;
    void addRecentProject(const QString& path);
    void removeRecentProject(const QString& path);

    QString annotator() const;
    void setAnnotator(const QString& name);

    bool blindMode() const;
    void setBlindMode(bool on);
    bool maskPersonalDetails() const;
    void setMaskPersonalDetails(bool on);
    bool autoAdvance() const;
    void setAutoAdvance(bool on);
    int defaultConfidence() const;
    void setDefaultConfidence(int value);

    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindowLayout(const QByteArray& geometry, const QByteArray& state);
    // Splitter and header states, keyed by the widget's object name.
    QByteArray layoutState(const QString& key) const;
    void setLayoutState(const QString& key, const QByteArray& state);

    QString lastDirectory() const;
    void setLastDirectory(const QString& directory);
    // The last shared project's URL, without its password (setLastServerUrl strips one): the dialog's default.
    QString lastServerUrl() const;
    void setLastServerUrl(const QString& url);

private:
    QSettings m_settings;
};

// The recent-projects list after opening `path`: it goes first, appears once (paths compared after
// cleaning), and the list keeps at most `max` entries.
QStringList withRecentProject(const QStringList& recent, const QString& path, int max);

} // namespace rankpo::ui
