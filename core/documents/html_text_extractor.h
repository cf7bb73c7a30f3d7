#pragma once

#include "core/documents/extracted_document.h"
#include "core/documents/text_file_decoder.h"

#include <string>
#include <string_view>

namespace rankpo {

// The visible text of an HTML page, parsed with libxml2's HTML parser (which recovers from broken markup as
// browsers do and decodes entities):
//   - left out: <head> with everything in it, <title> included (a browser shows the title in its tab, not on
//     the page, and saved pages' titles repeat the first heading plus the site's name); <script>, <style>,
//     <noscript>, <template>, <svg>, <canvas>, <iframe>, <object>, <select> (a list of 200 countries is not
//     the page's text); elements with the `hidden` attribute or an inline style of display:none or
//     visibility:hidden; comments;
//   - block elements (p, div, li, h1-h6, tr, section, …) end lines; p, h1-h6, ul, ol, table, pre, blockquote
//     and friends are set off by a blank line; <br> is a line end; table cells are separated by tabs;
//   - white space is collapsed as a browser does (<pre> keeps it); U+00A0 (&nbsp;) counts as a space.
// Encoding: a byte-order mark, else the charset the page declares in its first 2 kB (<meta charset>, the
// http-equiv Content-Type, an XML declaration), else UTF-8 or, if `fallback` is Cp1252, Windows-1252 for
// pages that are not valid UTF-8. ISO-8859-1 and US-ASCII are read as Windows-1252 (as browsers do); other
// declared charsets go through libxml2's iconv.
// Throws DocumentError naming `name`: Encoding (invalid UTF-8 with the byte offset, an unknown charset),
// Empty (no visible text).
ExtractedDocument extractHtmlText(std::string_view bytes, const std::string& name, TextEncoding fallback);

} // namespace rankpo
