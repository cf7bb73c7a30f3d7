#pragma once

#include <string>
#include <vector>

namespace rankpo {

// Joins words that typesetting broke at a line end, for text laid out in lines (PDF pages). `lines` may hold
// empty strings for blank lines; a break is joined across them too (a word can go on in the next column or on
// the next page). The rule, for a line ending in a hyphen H right after a letter or digit P, and the next
// non-blank line starting with a letter or digit N:
//   - H is a soft hyphen (U+00AD): the lines are joined and H dropped ("experi\u00AD" + "ence" -> "experience");
//   - H is '-' or U+2010: the lines are joined without a space, and H is dropped only when P is a letter, N is
//     a lower-case letter and the word before H has no hyphen of its own:
//       "experi-" + "ence in"   -> "experience in"
//       "Well-" + "Known"       -> "Well-Known"         (an upper-case letter starts a compound's second part)
//       "COVID-" + "19 cases"   -> "COVID-19 cases"     (a digit)
//       "state-of-the-" + "art" -> "state-of-the-art"   (the word is a hyphenated compound already)
//       "2018-" + "2020"        -> "2018-2020"
// Anything else is left as it is: a hyphen after a space ("2018 -" + "2020") is a dash, not a broken word,
// and a hyphen that is not at the end of a line is never touched. (A compound broken exactly at its own hyphen
// before a lower-case letter, "well-" + "known", cannot be told from a broken word without a dictionary; it
// becomes "wellknown", as in pdftotext, which joins every line-end hyphen.)
std::vector<std::string> joinLineEndHyphens(std::vector<std::string> lines);

} // namespace rankpo
