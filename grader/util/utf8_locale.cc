#include "util/utf8_locale.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>

namespace nn_grade::util {

bool utf8_locale(const char* lc_all, const char* lc_ctype, const char* lang) {
  for (const char* value : {lc_all, lc_ctype, lang}) {
    if (!value || !*value) continue;
    std::string name = value;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    // The codeset follows the '.' and ends at a '@' modifier: "de_DE.UTF-8@euro".
    const std::size_t dot = name.find('.');
    if (dot == std::string::npos) return false;
    const std::string codeset = name.substr(dot + 1, name.find('@', dot) - dot - 1);
    return codeset == "utf-8" || codeset == "utf8";
  }
  return false;
}

bool environment_is_utf8() {
  return utf8_locale(std::getenv("LC_ALL"), std::getenv("LC_CTYPE"), std::getenv("LANG"));
}

}  // namespace nn_grade::util
