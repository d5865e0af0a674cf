// Share links: base64url, the link format, every error code, and the golden
// links of format 1 that must keep opening forever.
#include "gputco/share_link.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <sstream>

#include "gputco/deflate.hpp"
#include "gputco/evaluate.hpp"
#include "gputco/result_json.hpp"
#include "gputco/scenario_json.hpp"
#include "support/test_data.hpp"

using namespace gputco;
using namespace gputco::test;

namespace {

std::string compact(const std::string& json_text) { return Json::parse(json_text).dump(); }

std::string link_for(const std::string& text, std::string_view base = "https://example.org/tco/") {
    return encode_share_link(text, base);
}

// Decodes and requires an error; returns it as "code: message".
std::string error_of(std::string_view link) {
    const LinkDecode d = decode_share_link(link);
    REQUIRE_FALSE(d.ok());
    CHECK(d.json.empty());
    return std::string(link_error_code_name(d.error->code)) + ": " + d.error->message;
}

std::string decoded(std::string_view link) {
    const LinkDecode d = decode_share_link(link);
    if (!d.ok()) FAIL(d.error->message);
    return d.json;
}

// "s=1." and the base64url of these raw DEFLATE bytes.
std::string with_deflated(const std::string& compressed) { return "#s=1." + base64url_encode(compressed); }

struct GoldenLink {
    std::string name;
    std::string link;
};

std::vector<GoldenLink> golden_links(int version) {
    std::istringstream lines(read_file(data_dir() + "/links/v" + std::to_string(version) + ".txt"));
    std::vector<GoldenLink> out;
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#') continue;
        const std::size_t space = line.find(' ');
        out.push_back({line.substr(0, space), line.substr(space + 1)});
    }
    return out;
}

}  // namespace

TEST_CASE("base64url encodes the RFC 4648 test vectors with the URL-safe alphabet and no padding", "[link][base64]") {
    CHECK(base64url_encode("") == "");
    CHECK(base64url_encode("f") == "Zg");
    CHECK(base64url_encode("fo") == "Zm8");
    CHECK(base64url_encode("foo") == "Zm9v");
    CHECK(base64url_encode("foob") == "Zm9vYg");
    CHECK(base64url_encode("fooba") == "Zm9vYmE");
    CHECK(base64url_encode("foobar") == "Zm9vYmFy");
    CHECK(base64url_encode("\xfb\xff\xbf") == "-_-_");  // '+' and '/' in standard base64
}

TEST_CASE("base64url decodes what it encodes, for every byte value and length", "[link][base64]") {
    std::string all;
    for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
    for (std::size_t n = 0; n <= all.size(); n += (n < 12 ? 1 : 61)) {
        const std::string bytes = all.substr(all.size() - n);
        const Base64Decode back = base64url_decode(base64url_encode(bytes));
        CAPTURE(n, back.error);
        CHECK(back.ok());
        CHECK(back.bytes == bytes);
    }
}

TEST_CASE("base64url decoding accepts padding and refuses what is not base64url", "[link][base64]") {
    CHECK(base64url_decode("Zg==").bytes == "f");
    CHECK(base64url_decode("Zm8=").bytes == "fo");
    CHECK(base64url_decode("Zm9v").bytes == "foo");
    CHECK(base64url_decode("Zh").bytes == "f");  // unused low bits are ignored, as browsers' atob does
    CHECK(base64url_decode("").ok());
    CHECK(base64url_decode("Zg===").error == "its data ends with more than two '=' padding characters");
    CHECK(base64url_decode("Zg=a").error == "its data holds '=' padding before its end");
    CHECK(base64url_decode("Zm+v").error == "its data holds '+', which is not a base64url character");
    CHECK(base64url_decode("Zm/v").error == "its data holds '/', which is not a base64url character");
    CHECK(base64url_decode("Zm v").error == "its data holds ' ', which is not a base64url character");
    CHECK(base64url_decode(std::string("Zm\0v", 4)).error ==
          "its data holds a control character, which is not a base64url character");
    CHECK(base64url_decode("Zm\xc3\xa9v").error ==
          "its data holds a non-ASCII character, which is not a base64url character");
    CHECK(base64url_decode("Zm9vY").error == "its data has 5 base64url characters, a length no data encodes to");
    CHECK(base64url_decode("Z").error == "its data has 1 base64url characters, a length no data encodes to");
}

TEST_CASE("UTF-8 validation follows the standard: no overlong forms, surrogates or code points past U+10FFFF",
          "[link][utf8]") {
    for (const char* good :
         {"", "plain", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf", "\xed\x9f\xbf"}) {
        CAPTURE(good);
        CHECK(is_valid_utf8(good));
    }
    for (const char* bad : {"\x80", "\xc3", "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf0\x80\x80\xaf",
                            "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\xe2\x82", "a\xe2\x28\xa1"}) {
        CAPTURE(bad);
        CHECK_FALSE(is_valid_utf8(bad));
    }
}

TEST_CASE("every golden scenario survives a round trip through a link", "[link]") {
    for (const std::string& name : golden_case_names()) {
        CAPTURE(name);
        const std::string json = compact(read_file(data_dir() + "/" + name + ".json"));
        const std::string link = link_for(json);
        CHECK(link.rfind("https://example.org/tco/#s=1.", 0) == 0);
        CHECK(link.substr(link.find('.', link.find("#s=")) + 1) == share_link_payload(json));
        CHECK(link.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
                                     link.find("#s=1.") + 5) == std::string::npos);
        CHECK(decoded(link) == json);
        CHECK_FALSE(share_link_limit_error(json, share_link_payload(json)));
    }
}

TEST_CASE("a link is read from a whole URL, its fragment, or the fragment without '#'", "[link]") {
    const std::string json = compact(read_file(data_dir() + "/lock-vs-float.json"));
    const std::string payload = share_link_payload(json);
    for (const std::string& form : {
             "https://example.org/tco/?x=1#s=1." + payload, "#s=1." + payload, "s=1." + payload,
             "#v=2&s=1." + payload + "&theme=dark",  // other parameters, in any order, are ignored
             "#s=1." + payload + "&s=2.xyz",         // the first s wins
             "#s=01." + payload,                     // the version is a number; leading zeros do not change it
             "#s=1." + payload + "==",               // padding
         }) {
        CAPTURE(form);
        CHECK(decoded(form) == json);
    }
}

TEST_CASE("ASCII whitespace anywhere in a link is ignored, as when a chat wraps it", "[link]") {
    const std::string json = compact(read_file(data_dir() + "/largest.json"));
    const std::string link = link_for(json);
    std::string wrapped = "  ";
    const char* breaks[] = {"\n", "\r\n", " ", "\t", "\f"};
    for (std::size_t i = 0; i < link.size(); i += 40) wrapped += link.substr(i, 40) + breaks[(i / 40) % 5];
    CHECK(decoded(wrapped) == json);
    CHECK(decoded("\n#s = 1 . " + share_link_payload(json) + " \n") == json);
}

TEST_CASE("encode_share_link replaces a fragment already in the base", "[link]") {
    CHECK(encode_share_link("{}", "https://example.org/#s=1.old&v=2") ==
          "https://example.org/#s=1." + share_link_payload("{}"));
    CHECK(encode_share_link("{}", "") == "#s=1." + share_link_payload("{}"));
}

TEST_CASE("not_a_link: text without an s= parameter", "[link][errors]") {
    const std::string expected = "not_a_link: this is not a gpu-tco share link: it has no #s= part";
    for (const char* text : {"", "   ", "https://example.org/tco/", "https://example.org/tco/#",
                             "https://example.org/?s=1.abc", "#v=1.abc", "#ss=1.abc", "#s", "#S=1.abc", "hello"}) {
        CAPTURE(text);
        CHECK(error_of(text) == expected);
    }
}

TEST_CASE("newer_version: a format number above 1", "[link][errors]") {
    CHECK(
        error_of("#s=2.abc") ==
        "newer_version: this link was made by a newer version of gpu-tco (link format 2); this version reads format 1");
    CHECK(error_of("#s=10.abc") ==
          "newer_version: this link was made by a newer version of gpu-tco (link format 10); this version reads format "
          "1");
    CHECK(
        error_of("#s=0002.abc") ==
        "newer_version: this link was made by a newer version of gpu-tco (link format 2); this version reads format 1");
    CHECK(
        error_of("#s=3") ==
        "newer_version: this link was made by a newer version of gpu-tco (link format 3); this version reads format 1");
    CHECK(error_of("#s=123456789012345678901234567890.x") ==
          "newer_version: this link was made by a newer version of gpu-tco (link format 12345678901234567890...); this "
          "version reads format 1");
}

TEST_CASE("corrupt: the format version is not a number, or 0, or has no '.'", "[link][errors]") {
    const std::string not_a_number =
        "corrupt: this link is damaged: the text before the first '.' of its s= part is not a format version number";
    for (const char* text : {"#s=.abc", "#s=x.abc", "#s=1a.abc", "#s=-1.abc", "#s=+1.abc", "#s=", "#s=1e0.abc"}) {
        CAPTURE(text);
        CHECK(error_of(text) == not_a_number);
    }
    CHECK(error_of("#s=0.abc") == "corrupt: this link is damaged: its link format 0 does not exist");
    CHECK(error_of("#s=1") == "corrupt: this link is damaged: its s= part has no '.' after the format version");
}

TEST_CASE("corrupt: the payload is not base64url", "[link][errors]") {
    CHECK(error_of("#s=1.ab+c") ==
          "corrupt: this link is damaged: its data holds '+', which is not a base64url character");
    CHECK(error_of("#s=1.ab%20c") ==
          "corrupt: this link is damaged: its data holds '%', which is not a base64url character");
    CHECK(error_of("#s=1.abc=d") == "corrupt: this link is damaged: its data holds '=' padding before its end");
    CHECK(error_of("#s=1.abcde") ==
          "corrupt: this link is damaged: its data has 5 base64url characters, a length no data encodes to");
}

TEST_CASE("corrupt: the compressed data is invalid, cut short or followed by more bytes", "[link][errors]") {
    const std::string compressed = deflate_raw(compact(read_file(data_dir() + "/buy-vs-rent.json")));
    CHECK(error_of("#s=1.") == "corrupt: this link is damaged: the compressed data ends before its last block does");
    CHECK(error_of(with_deflated(compressed.substr(0, compressed.size() - 1))) ==
          "corrupt: this link is damaged: the compressed data ends before its last block does");
    // A link cut short in chat: the base64url text loses its tail.
    const std::string link = with_deflated(compressed);
    CHECK(error_of(link.substr(0, link.size() - 8)) ==
          "corrupt: this link is damaged: the compressed data ends before its last block does");
    CHECK(error_of(with_deflated(compressed + "junk")) ==
          "corrupt: this link is damaged: the compressed data has 4 bytes after its end");
    CHECK(error_of(with_deflated("\x07\x00")) ==
          "corrupt: this link is damaged: the compressed data has a block of type 3, which does not exist");
}

TEST_CASE("corrupt: the decompressed text is not UTF-8", "[link][errors]") {
    CHECK(error_of(with_deflated(deflate_raw("{\"name\": \"\xff\"}"))) ==
          "corrupt: this link is damaged: its text is not valid UTF-8");
    CHECK(error_of(with_deflated(deflate_raw("\xed\xa0\x80"))) ==
          "corrupt: this link is damaged: its text is not valid UTF-8");
}

TEST_CASE("the codec carries text: JSON and scenario checks are the caller's", "[link]") {
    CHECK(decoded(with_deflated(deflate_raw("not JSON"))) == "not JSON");
    CHECK(decoded(with_deflated(deflate_raw(""))).empty());
    CHECK(decoded(with_deflated(deflate_raw("{\"schema\": \"gpu-tco/2\"}"))) == "{\"schema\": \"gpu-tco/2\"}");
}

TEST_CASE("too_large: a payload over 65,536 characters", "[link][errors][limits]") {
    CHECK(error_of("#s=1." + std::string(65537, 'A')) ==
          "too_large: this link is too large: its data is 65537 characters long; the limit is 65536");
    // At the limit it is read (and then found damaged); whitespace and padding do not count.
    CHECK(error_of("#s=1." + std::string(65536, 'A')).rfind("corrupt: ", 0) == 0);
    CHECK(error_of("#s=1." + std::string(65536, 'A') + "\n\n==").rfind("corrupt: ", 0) == 0);
}

TEST_CASE("too_large: a decompression bomb is refused at 1 MiB, quickly", "[link][errors][limits]") {
    const std::string bomb = deflate_raw(std::string(40'000'000, '\0'));
    const std::string link = with_deflated(bomb);
    REQUIRE(link.size() < max_link_payload_chars);  // within the payload limit: only the output limit can stop it
    const auto start = std::chrono::steady_clock::now();
    CHECK(error_of(link) ==
          "too_large: this link is too large: it decompresses to more than 1048576 bytes; the limit is 1048576 bytes");
    CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 1.0);
    // Exactly at the limit is fine.
    const std::string full(max_link_json_bytes, ' ');
    CHECK(decoded(with_deflated(deflate_raw(full))) == full);
    CHECK(error_of(with_deflated(deflate_raw(full + " "))).rfind("too_large: ", 0) == 0);
}

TEST_CASE("share_link_limit_error says when a scenario is too large for a link", "[link][limits]") {
    CHECK_FALSE(share_link_limit_error("{}", share_link_payload("{}")));
    const std::optional<LinkError> json = share_link_limit_error(std::string(max_link_json_bytes + 1, ' '), "x");
    REQUIRE(json);
    CHECK(json->code == LinkErrorCode::too_large);
    CHECK(json->message ==
          "this scenario is too large for a link: its JSON text is 1048577 bytes; the limit is 1048576 bytes");
    const std::optional<LinkError> payload = share_link_limit_error("{}", std::string(max_link_payload_chars + 1, 'A'));
    REQUIRE(payload);
    CHECK(payload->message ==
          "this scenario is too large for a link: its link data would be 65537 characters; the limit is 65536");
}

TEST_CASE("error codes have stable names", "[link][errors]") {
    CHECK(std::string(link_error_code_name(LinkErrorCode::not_a_link)) == "not_a_link");
    CHECK(std::string(link_error_code_name(LinkErrorCode::newer_version)) == "newer_version");
    CHECK(std::string(link_error_code_name(LinkErrorCode::corrupt)) == "corrupt");
    CHECK(std::string(link_error_code_name(LinkErrorCode::too_large)) == "too_large");
    CHECK(share_link_version == 1);
    CHECK(max_link_payload_chars == 65536);
    CHECK(max_link_json_bytes == 1048576);
}

TEST_CASE("every golden link of format 1 still opens to its expected numbers", "[link][golden]") {
    const std::vector<GoldenLink> links = golden_links(1);
    REQUIRE(links.size() >= 6);
    for (const GoldenLink& g : links) {
        CAPTURE(g.name);
        const LinkDecode d = decode_share_link(g.link);
        REQUIRE(d.ok());
        const ScenarioParse parsed = parse_scenario(d.json);
        REQUIRE(parsed.ok());
        const Json actual = Json::parse(write_result(evaluate(*parsed.scenario)));
        const Json expected = Json::parse(read_file(data_dir() + "/" + g.name + ".expected.json"));
        const std::vector<std::string> differences = json_differences(actual, expected, 1e-9, 1e-6);
        CAPTURE(differences);
        CHECK(differences.empty());
    }
}
