#pragma once
// Object keys as S3 event notifications carry them: "The object key name value is URL encoded. For
// example, "red flower.jpg" becomes "red+flower.jpg""
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html;
// aws-anchors.md §4.3: AWS-validated `a@b` → `a%40b`, '/' kept). That is form-urlencoding, exactly
// Python's urllib.parse.quote_plus(key, safe="/"); the Starbase decodes with urllib.parse.unquote_plus.

#include <string>
#include <string_view>

namespace drydock::emulator {

// Python's quote_plus(key, safe="/") on the UTF-8 bytes of `key`: A-Z a-z 0-9 _ . - ~ and '/' are
// kept, ' ' becomes '+', every other byte becomes %XX with upper-case hex ("+" → "%2B", "@" → "%40",
// "é" → "%C3%A9"). Never fails; bytes are encoded as given, valid UTF-8 or not.
std::string quote_plus(std::string_view key);

// Python's quote(key, safe="/"): as quote_plus, but ' ' becomes "%20". What S3 answers with
// encoding-type=url: botocore decodes it with unquote_plus, the JavaScript SDK with decodeURIComponent,
// and both read "%20" as a space.
std::string quote(std::string_view key);

// Python's unquote_plus(text) (encoding utf-8, errors "replace"): '+' becomes ' ', each %XX (either
// case) becomes its byte, and an invalid escape ("%zz", "%4" at the end) is left as it is. As in
// Python, the decoded bytes of each run of ASCII characters are read as UTF-8 on their own, and every
// ill-formed sequence becomes U+FFFD (one per maximal subpart, as Python's decoder does); non-ASCII
// characters of `text` are copied unchanged. unquote_plus(quote_plus(s)) == s for valid UTF-8 `s`.
std::string unquote_plus(std::string_view text);

}  // namespace drydock::emulator
