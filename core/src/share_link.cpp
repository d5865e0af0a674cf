#include "gputco/share_link.hpp"

#include <algorithm>
#include <cstdint>

#include "gputco/deflate.hpp"

namespace gputco {
namespace {

constexpr const char* base64url_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// WHATWG's ASCII whitespace: what a chat client or a mail program may wrap a link with.
bool is_ascii_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

int base64url_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

// A character of untrusted text, as a message can show it.
std::string describe(char c) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) return "a non-ASCII character";
    if (byte < 0x20 || byte == 0x7F) return "a control character";
    return std::string("'") + c + "'";
}

LinkDecode failure(LinkErrorCode code, std::string message) { return {{}, LinkError{code, std::move(message)}}; }
LinkDecode damaged(const std::string& reason) {
    return failure(LinkErrorCode::corrupt, "this link is damaged: " + reason);
}

// The value of the first `s` parameter of a fragment ("a=b&s=1.xxx&c"), if any.
std::optional<std::string_view> s_parameter(std::string_view fragment) {
    while (true) {
        const std::size_t end = fragment.find('&');
        const std::string_view part = fragment.substr(0, end);
        if (part.substr(0, 2) == "s=") return part.substr(2);
        if (end == std::string_view::npos) return std::nullopt;
        fragment.remove_prefix(end + 1);
    }
}

}  // namespace

const char* link_error_code_name(LinkErrorCode code) {
    switch (code) {
        case LinkErrorCode::not_a_link: return "not_a_link";
        case LinkErrorCode::newer_version: return "newer_version";
        case LinkErrorCode::corrupt: return "corrupt";
        case LinkErrorCode::too_large: return "too_large";
    }
    return "corrupt";
}

std::string share_link_payload(std::string_view compact_json) { return base64url_encode(deflate_raw(compact_json)); }

std::string encode_share_link(std::string_view compact_json, std::string_view base) {
    const std::string_view page = base.substr(0, base.find('#'));
    return std::string(page) + "#s=" + std::to_string(share_link_version) + "." + share_link_payload(compact_json);
}

std::optional<LinkError> share_link_limit_error(std::string_view compact_json, std::string_view payload) {
    if (compact_json.size() > max_link_json_bytes) {
        return LinkError{LinkErrorCode::too_large, "this scenario is too large for a link: its JSON text is " +
                                                       std::to_string(compact_json.size()) + " bytes; the limit is " +
                                                       std::to_string(max_link_json_bytes) + " bytes"};
    }
    if (payload.size() > max_link_payload_chars) {
        return LinkError{LinkErrorCode::too_large, "this scenario is too large for a link: its link data would be " +
                                                       std::to_string(payload.size()) + " characters; the limit is " +
                                                       std::to_string(max_link_payload_chars)};
    }
    return std::nullopt;
}

LinkDecode decode_share_link(std::string_view link) {
    std::string text;
    text.reserve(link.size());
    for (char c : link) {
        if (!is_ascii_whitespace(c)) text += c;
    }
    std::string_view fragment = text;
    if (const std::size_t hash = fragment.find('#'); hash != std::string_view::npos) fragment.remove_prefix(hash + 1);
    const std::optional<std::string_view> value = s_parameter(fragment);
    if (!value) return failure(LinkErrorCode::not_a_link, "this is not a gpu-tco share link: it has no #s= part");

    // The format version: the decimal number before the first '.'.
    const std::size_t dot = value->find('.');
    const std::string_view version_text = value->substr(0, dot);
    if (version_text.empty() || version_text.find_first_not_of("0123456789") != std::string_view::npos) {
        return damaged("the text before the first '.' of its s= part is not a format version number");
    }
    std::string_view version = version_text.substr(std::min(version_text.find_first_not_of('0'), version_text.size()));
    if (version.size() > 1 || (version.size() == 1 && version[0] > '0' + static_cast<int>(share_link_version))) {
        const std::string shown =
            version.size() > 20 ? std::string(version.substr(0, 20)) + "..." : std::string(version);
        return failure(LinkErrorCode::newer_version, "this link was made by a newer version of gpu-tco (link format " +
                                                         shown + "); this version reads format " +
                                                         std::to_string(share_link_version));
    }
    if (version.empty()) return damaged("its link format 0 does not exist");
    if (dot == std::string_view::npos) return damaged("its s= part has no '.' after the format version");

    std::string_view payload = value->substr(dot + 1);
    std::size_t characters = payload.size();
    while (characters > 0 && payload[characters - 1] == '=') --characters;
    if (characters > max_link_payload_chars) {
        return failure(LinkErrorCode::too_large, "this link is too large: its data is " + std::to_string(characters) +
                                                     " characters long; the limit is " +
                                                     std::to_string(max_link_payload_chars));
    }
    const Base64Decode compressed = base64url_decode(payload);
    if (!compressed.ok()) return damaged(compressed.error);
    InflateResult json = inflate_raw(compressed.bytes, max_link_json_bytes);
    if (json.status == InflateStatus::too_large) {
        return failure(LinkErrorCode::too_large, "this link is too large: it decompresses to more than " +
                                                     std::to_string(max_link_json_bytes) + " bytes; the limit is " +
                                                     std::to_string(max_link_json_bytes) + " bytes");
    }
    if (!json.ok()) return damaged(json.reason);
    if (!is_valid_utf8(json.output)) return damaged("its text is not valid UTF-8");
    return {std::move(json.output), std::nullopt};
}

std::string base64url_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    const auto byte = [&](std::size_t k) { return std::uint32_t{static_cast<unsigned char>(bytes[k])}; };
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t group = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
        for (int shift = 18; shift >= 0; shift -= 6) out += base64url_alphabet[(group >> shift) & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        const std::uint32_t group = byte(i) << 16 | (rest == 2 ? byte(i + 1) << 8 : 0);
        out += base64url_alphabet[(group >> 18) & 63];
        out += base64url_alphabet[(group >> 12) & 63];
        if (rest == 2) out += base64url_alphabet[(group >> 6) & 63];
    }
    return out;
}

Base64Decode base64url_decode(std::string_view text) {
    Base64Decode result;
    std::size_t end = text.size();
    while (end > 0 && text[end - 1] == '=') --end;
    if (text.size() - end > 2) {
        result.error = "its data ends with more than two '=' padding characters";
        return result;
    }
    for (std::size_t i = 0; i < end; ++i) {
        if (base64url_value(text[i]) >= 0) continue;
        result.error = text[i] == '=' ? std::string("its data holds '=' padding before its end")
                                      : "its data holds " + describe(text[i]) + ", which is not a base64url character";
        return result;
    }
    if (end % 4 == 1) {
        result.error = "its data has " + std::to_string(end) + " base64url characters, a length no data encodes to";
        return result;
    }
    result.bytes.reserve(end / 4 * 3 + 2);
    std::uint32_t bits = 0;
    int held = 0;
    for (std::size_t i = 0; i < end; ++i) {
        bits = (bits << 6) | static_cast<std::uint32_t>(base64url_value(text[i]));
        held += 6;
        if (held >= 8) {
            held -= 8;
            result.bytes += static_cast<char>((bits >> held) & 0xFFu);
        }
        bits &= (std::uint32_t{1} << held) - 1;  // keep only the bits not yet written
    }
    return result;
}

bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    const std::size_t n = text.size();
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    while (i < n) {
        const unsigned char c = at(i);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0) low = 0xA0;   // no overlong forms
            if (c == 0xED) high = 0x9F;  // no surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0) low = 0x90;   // no overlong forms
            if (c == 0xF4) high = 0x8F;  // nothing past U+10FFFF
        } else {
            return false;
        }
        if (n - i < length) return false;
        if (at(i + 1) < low || at(i + 1) > high) return false;
        for (std::size_t k = 2; k < length; ++k) {
            if (at(i + k) < 0x80 || at(i + k) > 0xBF) return false;
        }
        i += length;
    }
    return true;
}

}  // namespace gputco
