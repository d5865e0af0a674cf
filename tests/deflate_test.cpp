// Raw DEFLATE both ways: round trips, streams from zlib, and every rule that
// makes a stream invalid, each shown with a hand-built stream.
#include "gputco/deflate.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <random>
#include <sstream>

#include "support/process.hpp"
#include "support/test_data.hpp"

using namespace gputco;
using namespace gputco::test;

namespace {

constexpr std::size_t unlimited = std::size_t{1} << 30;

std::string random_bytes(std::size_t count, unsigned seed) {
    std::mt19937 rng(seed);
    std::string out(count, '\0');
    for (char& c : out) c = static_cast<char>(rng() & 0xFFu);
    return out;
}

// Inflates and requires failure; returns the reason.
std::string invalid_reason(const std::string& stream, std::size_t limit = unlimited) {
    const InflateResult r = inflate_raw(stream, limit);
    CHECK(r.status == InflateStatus::invalid);
    CHECK(r.output.empty());
    return r.reason;
}

std::string inflated(const std::string& stream, std::size_t limit = unlimited) {
    const InflateResult r = inflate_raw(stream, limit);
    CAPTURE(r.reason);
    CHECK(r.ok());
    return r.output;
}

// Builds streams bit by bit, the way §3.1.1 packs them: data elements from
// their least significant bit, Huffman codes from their most significant bit.
class Bits {
public:
    Bits& put(std::uint32_t value, int count) {
        for (int i = 0; i < count; ++i) bit((value >> i) & 1u);
        return *this;
    }
    Bits& code(std::uint32_t value, int length) {
        for (int i = length - 1; i >= 0; --i) bit((value >> i) & 1u);
        return *this;
    }
    Bits& byte(std::uint8_t value) {
        while (used_ % 8 != 0) bit(0);
        return put(value, 8);
    }
    std::string bytes() const { return out_; }

private:
    void bit(std::uint32_t b) {
        if (used_ % 8 == 0) out_ += '\0';
        out_.back() = static_cast<char>(static_cast<unsigned char>(out_.back()) | (b << (used_ % 8)));
        ++used_;
    }
    std::string out_;
    std::size_t used_ = 0;
};

// A canonical Huffman code from code lengths, computed here independently of the library.
struct Code {
    std::vector<int> lengths;
    std::vector<std::uint32_t> codes;
    explicit Code(std::vector<int> l) : lengths(std::move(l)), codes(lengths.size(), 0) {
        std::uint32_t code = 0;
        for (int length = 1; length <= 15; ++length) {
            for (std::size_t s = 0; s < lengths.size(); ++s) {
                if (lengths[s] == length) codes[s] = code++;
            }
            code <<= 1;
        }
    }
    void put(Bits& bits, int symbol) const {
        bits.code(codes[static_cast<std::size_t>(symbol)], lengths[static_cast<std::size_t>(symbol)]);
    }
};

std::vector<int> fixed_literal_lengths() {
    std::vector<int> l(288);
    for (int s = 0; s < 288; ++s) l[static_cast<std::size_t>(s)] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
    return l;
}
const Code fixed_literals(fixed_literal_lengths());
const Code fixed_distances(std::vector<int>(32, 5));

// The code length code used by the hand-built dynamic blocks: complete, and
// able to send every code length symbol (0-12 in 4 bits, 13-18 in 5).
std::vector<int> all_code_length_lengths() {
    std::vector<int> l(19, 4);
    for (int s = 13; s < 19; ++s) l[static_cast<std::size_t>(s)] = 5;
    return l;
}
constexpr int code_length_order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

struct LengthSymbol {
    int symbol;
    std::uint32_t extra = 0;
};

// A dynamic block header with HLIT and HDIST as given, the code length code
// `cl` (in symbol order), and the code length sequence as given.
void dynamic_header(Bits& bits, bool final, int literal_count, int distance_count,
                    const std::vector<LengthSymbol>& sequence, const std::vector<int>& cl = all_code_length_lengths()) {
    bits.put(final ? 1 : 0, 1).put(2, 2);
    bits.put(static_cast<std::uint32_t>(literal_count - 257), 5)
        .put(static_cast<std::uint32_t>(distance_count - 1), 5)
        .put(15, 4);
    for (int s : code_length_order) bits.put(static_cast<std::uint32_t>(cl[static_cast<std::size_t>(s)]), 3);
    const Code code(cl);
    for (const LengthSymbol& l : sequence) {
        code.put(bits, l.symbol);
        if (l.symbol == 16) bits.put(l.extra, 2);
        if (l.symbol == 17) bits.put(l.extra, 3);
        if (l.symbol == 18) bits.put(l.extra, 7);
    }
}

// The code length sequence that spells out these lengths one by one.
std::vector<LengthSymbol> spelled(const std::vector<int>& literal_lengths, const std::vector<int>& distance_lengths) {
    std::vector<LengthSymbol> out;
    for (int l : literal_lengths) out.push_back({l});
    for (int l : distance_lengths) out.push_back({l});
    return out;
}

// Literal/length code lengths: the bytes given get `length`, end of block `eob_length`, the rest none.
std::vector<int> literal_lengths(std::initializer_list<int> symbols, int length, int eob_length, int count = 257) {
    std::vector<int> l(static_cast<std::size_t>(count), 0);
    for (int s : symbols) l[static_cast<std::size_t>(s)] = length;
    l[256] = eob_length;
    return l;
}

std::string reference_json() { return read_file(data_dir() + "/largest.json"); }

}  // namespace

TEST_CASE("deflate_raw output inflates back to exactly its input", "[deflate]") {
    std::vector<std::pair<std::string, std::string>> inputs = {
        {"empty", ""},
        {"one byte", "x"},
        {"one zero byte", std::string(1, '\0')},
        {"two bytes", "ab"},
        {"three equal bytes", "aaa"},
        {"a long run", std::string(100000, 'a')},
        {"a run longer than the window", std::string(200000, '\0')},
        {"random bytes", random_bytes(100000, 1)},
        {"a short random string repeated", std::string(random_bytes(7, 2)) + random_bytes(7, 2) + random_bytes(7, 2)},
        {"text", "The quick brown fox jumps over the lazy dog. The quick brown fox jumps over the lazy dog!"},
        {"UTF-8", u8"prépaiement €, 価格 — 10 % ✓"},
    };
    std::string every_byte;
    for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
    inputs.push_back({"every byte value", every_byte});
    // A block repeated exactly at the window's edge and just past it.
    const std::string block = random_bytes(32768, 3);
    inputs.push_back({"a repeat at distance 32768", block + block});
    inputs.push_back({"a repeat at distance 32769", block + "x" + block});
    // Many blocks of tokens, mixing matches and literals.
    std::string mixed;
    std::mt19937 rng(4);
    while (mixed.size() < 600000) {
        if (mixed.size() > 100 && rng() % 3 != 0) {
            const std::size_t from = mixed.size() - 1 - rng() % std::min<std::size_t>(mixed.size() - 1, 40000);
            mixed += mixed.substr(from, 3 + rng() % 300);
        } else {
            mixed += static_cast<char>('a' + rng() % 26);
        }
    }
    inputs.push_back({"long mixed data in many blocks", mixed});
    for (const std::string& name : golden_case_names())
        inputs.push_back({name, read_file(data_dir() + "/" + name + ".json")});

    for (const auto& [name, data] : inputs) {
        CAPTURE(name, data.size());
        const std::string compressed = deflate_raw(data);
        CHECK(inflated(compressed, data.size()) == data);
        if (!data.empty()) CHECK(inflate_raw(compressed, data.size() - 1).status == InflateStatus::too_large);
    }
}

TEST_CASE("deflate_raw compresses: runs and JSON shrink, random bytes barely grow", "[deflate]") {
    CHECK(deflate_raw("") == std::string("\x03\x00", 2));  // one empty fixed block, as zlib writes it
    CHECK(deflate_raw(std::string(1000000, 'a')).size() < 2000);
    const std::string json = reference_json();
    CHECK(deflate_raw(json).size() < json.size() / 3);
    const std::string noise = random_bytes(200000, 5);
    CHECK(deflate_raw(noise).size() < noise.size() + 100);  // stored blocks: 5 bytes each
}

TEST_CASE("deflate_raw picks stored, fixed or dynamic blocks, whichever is smallest", "[deflate]") {
    const auto first_block_type = [](const std::string& stream) {
        return (static_cast<unsigned char>(stream[0]) >> 1) & 3;
    };
    CHECK(first_block_type(deflate_raw(random_bytes(1000, 6))) == 0);
    CHECK(first_block_type(deflate_raw("a")) == 1);
    CHECK(first_block_type(deflate_raw(reference_json())) == 2);
}

TEST_CASE("streams made by zlib decode to their originals", "[deflate]") {
    const std::string dir = data_dir() + "/deflate/";
    std::istringstream manifest(read_file(dir + "manifest.txt"));
    std::string line;
    int vectors = 0;
    while (std::getline(manifest, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string compressed, original;
        fields >> compressed >> original;
        CAPTURE(compressed);
        const std::string expected = read_file(dir + original);
        CHECK(inflated(read_file(dir + compressed)) == expected);
        ++vectors;
    }
    CHECK(vectors >= 10);
}

TEST_CASE("a stream cut short anywhere is refused as ending early", "[deflate][corrupt]") {
    const std::vector<std::string> streams = {
        deflate_raw(reference_json()),                                              // dynamic
        deflate_raw("abc"),                                                         // fixed
        deflate_raw(random_bytes(300, 7)),                                          // stored
        read_file(data_dir() + "/deflate/random.level9.deflate").substr(0, 70000),  // several stored blocks
    };
    for (const std::string& stream : streams) {
        for (std::size_t n = 0; n < stream.size(); n += 1 + n / 64) {
            CAPTURE(stream.size(), n);
            CHECK(invalid_reason(stream.substr(0, n)) == "the compressed data ends before its last block does");
        }
    }
    // A non-final block followed by nothing.
    CHECK(invalid_reason(Bits().put(0, 1).put(1, 2).code(0, 7).bytes()) ==
          "the compressed data ends before its last block does");
}

TEST_CASE("bytes after the final block are refused", "[deflate][corrupt]") {
    const std::string stream = deflate_raw("hello");
    CHECK(invalid_reason(stream + "x") == "the compressed data has 1 byte after its end");
    CHECK(invalid_reason(stream + std::string(3, '\0')) == "the compressed data has 3 bytes after its end");
    const std::string zlib_made = read_file(data_dir() + "/deflate/mixed.level9.deflate");
    CHECK(invalid_reason(zlib_made + "\x01") == "the compressed data has 1 byte after its end");
}

TEST_CASE("block type 3 is refused", "[deflate][corrupt]") {
    CHECK(invalid_reason(Bits().put(1, 1).put(3, 2).put(0, 13).bytes()) ==
          "the compressed data has a block of type 3, which does not exist");
}

TEST_CASE("stored blocks: LEN and NLEN must agree, and the bytes must be there", "[deflate][corrupt]") {
    CHECK(inflated(std::string("\x01\x03\x00\xfc\xff"
                               "abc",
                               8)) == "abc");
    CHECK(inflated(std::string("\x00\x01\x00\xfe\xff"
                               "a"
                               "\x01\x00\x00\xff\xff",
                               11)) == "a");  // and an empty final block
    CHECK(invalid_reason(std::string("\x01\x03\x00\xfc\xfe"
                                     "abc",
                                     8)) ==
          "the compressed data has a stored block whose length check (NLEN) does not match its length");
    CHECK(invalid_reason(std::string("\x01\x05\x00\xfa\xff"
                                     "ab",
                                     7)) == "the compressed data ends before its last block does");
    CHECK(invalid_reason(std::string("\x01\x05\x00", 3)) == "the compressed data ends before its last block does");
}

TEST_CASE("fixed blocks: length symbols 286-287 and distance symbols 30-31 do not exist", "[deflate][corrupt]") {
    for (int symbol : {286, 287}) {
        Bits bits;
        bits.put(1, 1).put(1, 2);
        fixed_literals.put(bits, 'a');
        fixed_literals.put(bits, symbol);
        fixed_distances.put(bits, 0);
        fixed_literals.put(bits, 256);
        CHECK(invalid_reason(bits.bytes()) ==
              "the compressed data uses length symbol " + std::to_string(symbol) + ", which does not exist");
    }
    for (int symbol : {30, 31}) {
        Bits bits;
        bits.put(1, 1).put(1, 2);
        fixed_literals.put(bits, 'a');
        fixed_literals.put(bits, 257);  // length 3
        fixed_distances.put(bits, symbol);
        fixed_literals.put(bits, 256);
        CHECK(invalid_reason(bits.bytes()) ==
              "the compressed data uses distance symbol " + std::to_string(symbol) + ", which does not exist");
    }
}

TEST_CASE("a distance farther back than the output so far is refused", "[deflate][corrupt]") {
    const auto stream = [](int literals, int distance_symbol) {
        Bits bits;
        bits.put(1, 1).put(1, 2);
        for (int i = 0; i < literals; ++i) fixed_literals.put(bits, 'a' + i);
        fixed_literals.put(bits, 257);
        fixed_distances.put(bits, distance_symbol);
        fixed_literals.put(bits, 256);
        return bits.bytes();
    };
    CHECK(invalid_reason(stream(0, 0)) ==
          "the compressed data refers back to before its start (a distance too far back)");
    CHECK(invalid_reason(stream(2, 2)) ==
          "the compressed data refers back to before its start (a distance too far back)");
    CHECK(inflated(stream(3, 2)) == "abcabc");  // distance 3 reaches exactly the start
    CHECK(inflated(stream(1, 0)) == "aaaa");    // a match may overlap the bytes it writes
}

TEST_CASE("a hand-built dynamic block decodes", "[deflate]") {
    // Literals 'a' and 'b' and end of block in two bits or one; one distance code of one bit.
    const std::vector<int> literals = literal_lengths({'a', 'b'}, 2, 1, 258);
    std::vector<int> all_literals = literals;
    all_literals[257] = 0;
    Bits bits;
    dynamic_header(bits, true, 258, 1, spelled(all_literals, {1}));
    const Code lit(all_literals);
    lit.put(bits, 'a');
    lit.put(bits, 'b');
    lit.put(bits, 256);
    CHECK(inflated(bits.bytes()) == "ab");
}

TEST_CASE("dynamic blocks: HLIT over 286 and HDIST over 30 are refused", "[deflate][corrupt]") {
    for (int count : {287, 288}) {
        CHECK(invalid_reason(Bits()
                                 .put(1, 1)
                                 .put(2, 2)
                                 .put(static_cast<std::uint32_t>(count - 257), 5)
                                 .put(0, 5)
                                 .put(0, 4)
                                 .put(0, 32)
                                 .bytes()) ==
              "the compressed data declares " + std::to_string(count) + " literal/length codes; there are only 286");
    }
    for (int count : {31, 32}) {
        CHECK(invalid_reason(Bits()
                                 .put(1, 1)
                                 .put(2, 2)
                                 .put(0, 5)
                                 .put(static_cast<std::uint32_t>(count - 1), 5)
                                 .put(0, 4)
                                 .put(0, 32)
                                 .bytes()) ==
              "the compressed data declares " + std::to_string(count) + " distance codes; there are only 30");
    }
}

TEST_CASE("dynamic blocks: an over-subscribed or incomplete code length code is refused", "[deflate][corrupt]") {
    std::vector<int> over(19, 0);
    over[0] = over[1] = over[2] = 1;  // three codes of one bit
    Bits a;
    dynamic_header(a, true, 257, 1, {}, over);
    CHECK(invalid_reason(a.put(0, 16).bytes()) ==
          "the compressed data has an over-subscribed code length code (more codes than its lengths allow)");
    std::vector<int> incomplete(19, 0);
    incomplete[0] = 1;
    incomplete[1] = 2;  // 1/2 + 1/4 of the code space
    Bits b;
    dynamic_header(b, true, 257, 1, {}, incomplete);
    CHECK(invalid_reason(b.put(0, 16).bytes()) ==
          "the compressed data has an incomplete code length code (its lengths leave codes unused)");
    std::vector<int> single(19, 0);
    single[8] = 1;  // one code of one bit: allowed for distances only, not here
    Bits c;
    dynamic_header(c, true, 257, 1, {}, single);
    CHECK(invalid_reason(c.put(0, 16).bytes()) ==
          "the compressed data has an incomplete code length code (its lengths leave codes unused)");
}

TEST_CASE("dynamic blocks: repeat codes must have a length to repeat and must fit", "[deflate][corrupt]") {
    Bits first;
    dynamic_header(first, true, 257, 1, {{16, 0}});
    CHECK(invalid_reason(first.bytes()) == "the compressed data repeats a code length before giving any");

    // 257 + 1 lengths: 8 (one), then 18 repeats of 138 zeros: 1 + 138 + 138 = 277 > 258.
    Bits past;
    dynamic_header(past, true, 257, 1, {{8}, {18, 127}, {18, 127}});
    CHECK(invalid_reason(past.bytes()) ==
          "the compressed data repeats a code length past the number of codes it declares");

    // A repeat may cross from the literal/length lengths into the distance lengths (§3.2.7):
    // HLIT 260, HDIST 3; 'a' 1 bit, end of block and length 3 two bits each; one distance code (3).
    std::vector<int> lit(260, 0);
    lit['a'] = 1;
    lit[256] = 2;
    lit[257] = 2;
    Bits across;
    dynamic_header(across, true, 260, 3,
                   {{18, 86}, {1}, {18, 127}, {18, 9}, {2}, {2}, {17, 1} /* 258, 259 and distances 0, 1 */, {1}});
    const Code code(lit);
    for (int i = 0; i < 3; ++i) code.put(across, 'a');
    code.put(across, 257);
    across.code(0, 1);  // distance symbol 2: distance 3
    code.put(across, 256);
    CHECK(inflated(across.bytes()) == "aaaaaa");
}

TEST_CASE("dynamic blocks: a block must have an end-of-block code", "[deflate][corrupt]") {
    Bits bits;
    dynamic_header(bits, true, 257, 1, spelled(literal_lengths({'a', 'b'}, 1, 0), {1}));
    CHECK(invalid_reason(bits.bytes()) == "the compressed data has a block without an end-of-block code");
}

TEST_CASE("dynamic blocks: over-subscribed and incomplete literal/length codes are refused", "[deflate][corrupt]") {
    Bits over;
    dynamic_header(over, true, 257, 1, spelled(literal_lengths({'a', 'b'}, 1, 1), {1}));
    CHECK(invalid_reason(over.bytes()) ==
          "the compressed data has an over-subscribed literal/length code (more codes than its lengths allow)");
    Bits incomplete;
    dynamic_header(incomplete, true, 257, 1, spelled(literal_lengths({'a'}, 2, 1), {1}));  // 1/2 + 1/4
    CHECK(invalid_reason(incomplete.bytes()) ==
          "the compressed data has an incomplete literal/length code (its lengths leave codes unused)");
    Bits lone_long;
    dynamic_header(lone_long, true, 257, 1, spelled(literal_lengths({}, 0, 2), {1}));  // one code, but of two bits
    CHECK(invalid_reason(lone_long.bytes()) ==
          "the compressed data has an incomplete literal/length code (its lengths leave codes unused)");
}

TEST_CASE("dynamic blocks: a single one-bit code is allowed, as RFC 1951 says", "[deflate]") {
    // Only the end-of-block code, of one bit: an empty block.
    Bits empty;
    dynamic_header(empty, true, 257, 1, spelled(literal_lengths({}, 0, 1), {1}));
    empty.code(0, 1);
    CHECK(inflated(empty.bytes()).empty());

    // One distance code of one bit, used: "a" then a match of 3 at distance 1.
    std::vector<int> lit = literal_lengths({'a'}, 1, 2, 258);
    lit[257] = 2;
    const Code code(lit);
    Bits one;
    dynamic_header(one, true, 258, 1, spelled(lit, {1}));
    code.put(one, 'a');
    code.put(one, 257);
    one.code(0, 1);  // distance symbol 0
    code.put(one, 256);
    CHECK(inflated(one.bytes()) == "aaaa");

    // The unused half of a single one-bit distance code is not a code.
    Bits unused;
    dynamic_header(unused, true, 258, 1, spelled(lit, {1}));
    code.put(unused, 'a');
    code.put(unused, 257);
    unused.code(1, 1);
    code.put(unused, 256);
    CHECK(invalid_reason(unused.bytes()) == "the compressed data uses a distance code that its block does not define");
}

TEST_CASE("dynamic blocks: no distance codes at all is allowed until one is used", "[deflate]") {
    const std::vector<int> lit = literal_lengths({'a'}, 1, 2, 258);
    std::vector<int> with_length = lit;
    with_length[257] = 2;
    const Code code(with_length);
    Bits literals_only;
    dynamic_header(literals_only, true, 258, 1, spelled(with_length, {0}));
    code.put(literals_only, 'a');
    code.put(literals_only, 256);
    CHECK(inflated(literals_only.bytes()) == "a");

    Bits uses_one;
    dynamic_header(uses_one, true, 258, 1, spelled(with_length, {0}));
    code.put(uses_one, 'a');
    code.put(uses_one, 257);
    uses_one.put(0, 16);
    CHECK(invalid_reason(uses_one.bytes()) ==
          "the compressed data uses a distance code that its block does not define");

    Bits incomplete;  // two distance codes, of one and two bits: incomplete, and not the single-code case
    dynamic_header(incomplete, true, 258, 2, spelled(with_length, {1, 2}));
    CHECK(invalid_reason(incomplete.put(0, 16).bytes()) ==
          "the compressed data has an incomplete distance code (its lengths leave codes unused)");
}

TEST_CASE("inflate stops at the output limit without producing the rest", "[deflate][limits]") {
    const std::string data = reference_json();
    const std::string compressed = deflate_raw(data);
    CHECK(inflated(compressed, data.size()) == data);
    const InflateResult over = inflate_raw(compressed, data.size() - 1);
    CHECK(over.status == InflateStatus::too_large);
    CHECK(over.output.empty());
    CHECK(over.reason == "the compressed data expands to more than " + std::to_string(data.size() - 1) + " bytes");
    CHECK(inflate_raw(std::string("\x01\x03\x00\xfc\xff"
                                  "abc",
                                  8),
                      2)
              .status == InflateStatus::too_large);  // stored
    CHECK(inflate_raw(deflate_raw("x"), 0).status == InflateStatus::too_large);
    CHECK(inflate_raw(deflate_raw(""), 0).ok());
}

TEST_CASE("a decompression bomb is refused at the limit, quickly", "[deflate][limits]") {
    const std::string bomb = deflate_raw(std::string(100'000'000, '\0'));
    CHECK(bomb.size() < 120'000);  // about 1:1000, the most DEFLATE can do
    const auto start = std::chrono::steady_clock::now();
    const InflateResult r = inflate_raw(bomb, 1'048'576);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(r.status == InflateStatus::too_large);
    CHECK(seconds < 1.0);
}

TEST_CASE("inflate never fails in an undefined way on arbitrary bytes", "[deflate][corrupt]") {
    // Not a fuzzer, but a cheap sweep of damaged streams for the sanitizer builds.
    const std::string good = deflate_raw(reference_json());
    std::mt19937 rng(8);
    int refused = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string s = i % 3 == 0 ? random_bytes(rng() % 64, static_cast<unsigned>(i)) : good;
        if (i % 3 != 0) {
            for (unsigned flips = 1 + rng() % 3; flips > 0; --flips)
                s[rng() % s.size()] ^= static_cast<char>(1u << (rng() % 8));
        }
        const InflateResult r = inflate_raw(s, 1u << 20);
        if (!r.ok()) {
            ++refused;
            CHECK_FALSE(r.reason.empty());
        }
    }
    CHECK(refused > 1000);
}
