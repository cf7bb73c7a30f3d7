#include "ui/common/stat_card.h"

#include <QLabel>
#include <QVBoxLayout>

namespace rankpo::ui {

StatCard::StatCard(const QString& caption, QWidget* parent) : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    m_caption = new QLabel(caption, this);
    m_value = new QLabel(QStringLiteral("–"), this);
    m_value->setObjectName("statValue");
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 1.9);
    big.setBold(true);
    m_value->setFont(big);
    m_detail = new QLabel(this);
    m_detail->setWordWrap(true);
    QPalette muted = m_detail->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    m_detail->setPalette(muted);
    m_caption->setPalette(muted);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_caption);
    layout->addWidget(m_value);
    layout->addWidget(m_detail);
    layout->addStretch(1);
}

void StatCard::setValue(const QString& value, const QString& detail)
{
    m_value->setText(value);
    m_detail->setText(detail);
}

QString StatCard::value() const
{
    return m_value->text();
}

} // namespace rankpo::ui
