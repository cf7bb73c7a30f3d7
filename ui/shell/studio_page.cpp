#include "ui/shell/studio_page.h"

#include "ui/document/project_document.h"

namespace rankpo::ui {

StudioPage::StudioPage(QWidget* parent) : QWidget(parent) {}

void StudioPage::setDocument(ProjectDocument* document)
{
    m_document = document;
}

} // namespace rankpo::ui
