// Share links: a whole scenario in a URL fragment (docs/share-links.md).
//
//   BASE#s=1.PAYLOAD     PAYLOAD = base64url(raw DEFLATE(compact JSON)), no padding
//
// `1` is the link format's version, not the scenario schema's. A published
// format never changes: a new one gets a new number, and decoders keep
// reading every older one (tests/data/links/vN.txt must keep opening).
//
// The codec carries text. Whether that text is JSON, or a valid scenario, is
// for the caller to check with the scenario reader.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gputco {

// The format this version writes, and the newest it reads.
inline constexpr unsigned share_link_version = 1;
// At most this many base64url characters after "1." (whitespace and padding not counted).
inline constexpr std::size_t max_link_payload_chars = 65536;
// At most this many bytes of JSON text once decompressed: a valid scenario is
// a few kilobytes, and the limit stops decompression bombs early.
inline constexpr std::size_t max_link_json_bytes = 1048576;

enum class LinkErrorCode {
    not_a_link,     // no s= parameter
    newer_version,  // made by a newer gpu-tco, in a format this one cannot read
    corrupt,        // damaged: bad version text, base64url, DEFLATE data or UTF-8
    too_large,      // over one of the limits above
};

// "not_a_link", "newer_version", "corrupt", "too_large": the same codes as the JavaScript LinkError.
const char* link_error_code_name(LinkErrorCode code);

struct LinkError {
    LinkErrorCode code;
    std::string message;  // one line, e.g. "this link is damaged: ..."
};

struct LinkDecode {
    std::string json;  // the scenario's JSON text when ok
    std::optional<LinkError> error;
    bool ok() const { return !error; }
};

// PAYLOAD for this JSON text: base64url of its raw DEFLATE, without padding.
std::string share_link_payload(std::string_view compact_json);

// BASE#s=1.PAYLOAD. Anything from a '#' in `base` on is replaced. The limits
// are not checked here: see share_link_limit_error.
std::string encode_share_link(std::string_view compact_json, std::string_view base);

// The too_large error a decoder would give for a link carrying this JSON with
// this payload, or nothing when the link is within the limits.
std::optional<LinkError> share_link_limit_error(std::string_view compact_json, std::string_view payload);

// The JSON text carried by a link: a whole URL, its fragment ("#s=..."), or
// the fragment without '#'. Other &-separated parameters are ignored; ASCII
// whitespace anywhere (a link wrapped in a chat message) and '=' padding are
// accepted.
LinkDecode decode_share_link(std::string_view link);

// base64url (RFC 4648 §5) without padding.
std::string base64url_encode(std::string_view bytes);

struct Base64Decode {
    std::string bytes;
    std::string error;  // why the text is not base64url, e.g. "its data holds '+', which is not a base64url character"
    bool ok() const { return error.empty(); }
};

// Reads base64url with or without '=' padding (at most two, at the end).
// Unused low bits of the last character are ignored. No whitespace is skipped.
Base64Decode base64url_decode(std::string_view text);

// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
bool is_valid_utf8(std::string_view text);

}  // namespace gputco
