// UTF-8 checks shared by the API's writers (JSON, CSV, Markdown, XML, DOT): stored
// text should be valid UTF-8 already, and these keep every output valid when it is
// not (an invalid byte becomes U+FFFD). Thread-safe: pure functions.
#ifndef PARLEY_API_UTF8_H_
#define PARLEY_API_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace parley::api {

// Length of the valid UTF-8 sequence starting at s[i] (i < s.size()), or 0 when it
// is not valid (overlong forms, surrogates and code points past U+10FFFF are not).
// When valid and `code_point` is not null, stores the decoded code point there.
size_t Utf8SequenceLength(std::string_view s, size_t i, uint32_t* code_point = nullptr);

bool IsValidUtf8(std::string_view s);

// `s` with each byte that starts no valid sequence replaced by U+FFFD.
std::string ToValidUtf8(std::string_view s);

// Code points in valid UTF-8 `s` (continuation bytes are not counted).
size_t CodePointCount(std::string_view s);

// True when `s` holds a byte below 0x20 or 0x7f (DEL).
bool HasControlCharacter(std::string_view s);

}  // namespace parley::api

#endif  // PARLEY_API_UTF8_H_
