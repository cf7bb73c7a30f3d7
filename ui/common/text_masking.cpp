#include "ui/common/text_masking.h"

#include "core/text/personal_details_masker.h"

namespace rankpo::ui {

QString maskPersonalDetails(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    return QString::fromStdString(rankpo::maskPersonalDetails(std::string_view(utf8.constData(), std::size_t(utf8.size()))));
}

} // namespace rankpo::ui
