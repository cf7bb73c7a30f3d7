#pragma once

#include <QIcon>
#include <QPointer>
#include <QString>
#include <QWidget>

namespace rankpo::ui {

class ProjectDocument;

// A page of the main window's sidebar (Start, Pairs, Annotate, AI review, Agreement; later Training,
// Evaluation dashboard, Ranking comparison). The window only hosts pages: each one gets the open
// document (or none) and is told when it becomes the visible one.
class StudioPage : public QWidget {
    Q_OBJECT
public:
    explicit StudioPage(QWidget* parent = nullptr);

    virtual QString title() const = 0;
    virtual QIcon icon() const { return {}; }
    // A page that needs no project (Start) stays usable without one.
    virtual bool needsProject() const { return true; }

    virtual void setDocument(ProjectDocument* document);
    ProjectDocument* document() const { return m_document; }

    // The page became the visible one.
    virtual void activate() {}

Q_SIGNALS:
    void statusMessage(const QString& message);

private:
    QPointer<ProjectDocument> m_document;
};

} // namespace rankpo::ui
