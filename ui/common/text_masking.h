#pragma once

#include <QString>

namespace rankpo::ui {

// The fairness option: hides personal details in what the annotator sees (never in what is stored),
// so that judgements rest on the work, not on who or where someone is. The same masking as the AI judge's
// (core/text/personal_details_masker.h). Replaces
//   e-mail addresses -> [email], URLs -> [link], phone numbers -> [phone],
//   person names in contact lines ("Informal enquiries to Dr Ian G. Davies", "please contact
//   Tom Mordue at ...") -> [name].
// Phone numbers need 8 to 15 digits and a phone's shape (a leading + ( or 0, two equal separators as in
// 217-333-0885, or a "Tel:" label), so years, salaries and dates stay.
QString maskPersonalDetails(const QString& text);

} // namespace rankpo::ui
