// Text into HTML. Everything a submission can influence (its key, the names its files give,
// what its code printed, a compiler's messages) is hostile: it reaches a page only through here.
#pragma once

#include <string>
#include <string_view>

namespace nn_grade::report {

// `text` as HTML text or as a quoted attribute value: & < > " ' become entities, and every
// other byte is kept (a browser shows invalid UTF-8 as U+FFFD without consuming what follows).
std::string html_escape(std::string_view text);

// `text` as one segment of a relative URL: every byte but A-Z a-z 0-9 - . _ ~ percent-encoded,
// so a key such as "a/../b?#" stays one folder name. Escape the result again for an attribute.
std::string url_segment(std::string_view text);

}  // namespace nn_grade::report
