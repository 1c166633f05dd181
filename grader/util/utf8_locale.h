// Whether the locale a program runs in writes UTF-8, from the variables POSIX reads for the
// character set: the first set (non-empty) of LC_ALL, LC_CTYPE and LANG. "en_GB.UTF-8" and
// "C.utf8" do; "C", "POSIX", "en_US.ISO-8859-1", and none set, do not: the terminal then gets
// ASCII only (PASS and FAIL for ✓ and ✗, '#' for a block).
#pragma once

namespace nn_grade::util {

// Null or "" for a variable that is not set.
bool utf8_locale(const char* lc_all, const char* lc_ctype, const char* lang);

// The same for this process's environment.
bool environment_is_utf8();

}  // namespace nn_grade::util
