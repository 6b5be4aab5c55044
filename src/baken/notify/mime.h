// The RFC 5322 text of a reporter e-mail: From, To, Subject (RFC 2047 UTF-8 encoded-words when
// not ASCII), Date (Amsterdam offset), Message-ID, MIME-Version and a text/plain; charset=UTF-8
// body, 7bit when ASCII with short lines, else 8bit (when allowed) or quoted-printable.
// Pure functions; thread-safe.
#pragma once

#include <string>

#include "baken/base/clock.h"
#include "baken/notify/message.h"

namespace baken::notify {

// The message with CRLF line ends, before dot-stuffing. `message_id` without angle brackets.
std::string FormatMessage(const Message& message, const std::string& from, Timestamp date,
                          const std::string& message_id, bool allow_8bit);

// "=?UTF-8?B?...?=" words (folded) when `text` is not printable ASCII, else `text`.
std::string EncodeHeaderValue(const std::string& text);

// Quoted-printable (RFC 2045) of `text` with CRLF line ends.
std::string QuotedPrintable(const std::string& text);

}  // namespace baken::notify
