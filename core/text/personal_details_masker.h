#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace rankpo {

// Hides personal details in a text, for the annotator's fairness view and for texts sent to a judge
// that is not on this machine (the app's "Mask personal details" is this masker):
//   e-mail addresses -> [email], URLs -> [link], phone numbers -> [phone],
//   person names in contact lines ("Informal enquiries to Dr Ian G. Davies", "please contact
//   Tom Mordue at ...") -> [name].
// Phone numbers need 8 to 15 digits and a phone's shape (a leading + ( or 0, two equal separators as in
// 217-333-0885, or a "Tel:" label in the 16 UTF-16 units before), so years, salaries and dates stay.
// Text is UTF-8; invalid sequences are left as they are and never match.
class PersonalDetailsMasker {
public:
    PersonalDetailsMasker();
    ~PersonalDetailsMasker();
    PersonalDetailsMasker(const PersonalDetailsMasker&) = delete;
    PersonalDetailsMasker& operator=(const PersonalDetailsMasker&) = delete;

    // Thread-safe: the compiled patterns are shared, match state is per call.
    std::string mask(std::string_view text) const;

private:
    struct Patterns;
    std::unique_ptr<Patterns> m_patterns;
};

// mask() with one shared masker.
std::string maskPersonalDetails(std::string_view text);

} // namespace rankpo
