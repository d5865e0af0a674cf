// Raw DEFLATE, written from RFC 1951. Section numbers (§) refer to the RFC.
#include "gputco/deflate.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <queue>
#include <utility>
#include <vector>

namespace gputco {
namespace {

// ---------------------------------------------------------------------------
// The format's constants (§3.2.5, §3.2.6, §3.2.7)

constexpr int max_code_bits = 15;
constexpr int max_code_length_bits = 7;  // the code that codes the code lengths
constexpr int end_of_block = 256;
constexpr int literal_length_codes = 286;  // 0-255 bytes, 256 end of block, 257-285 lengths
constexpr int distance_codes = 30;
constexpr int fixed_literal_length_codes = 288;  // the fixed code also defines 286 and 287, which never occur
constexpr int fixed_distance_codes = 32;         // likewise 30 and 31
constexpr std::size_t window_size = 32768;
constexpr std::size_t min_match = 3;
constexpr std::size_t max_match = 258;
constexpr std::size_t max_stored_block = 65535;

constexpr std::array<std::uint16_t, 29> length_base = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                                       31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr std::array<std::uint8_t, 29> length_extra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                                       2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr std::array<std::uint16_t, 30> distance_base = {1,    2,    3,    4,    5,    7,    9,    13,    17,    25,
                                                         33,   49,   65,   97,   129,  193,  257,  385,   513,   769,
                                                         1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr std::array<std::uint8_t, 30> distance_extra = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                                         6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
// The order in which a dynamic block sends the lengths of the code length code.
constexpr std::array<std::uint8_t, 19> code_length_order = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                                            11, 4,  12, 3, 13, 2, 14, 1, 15};

std::vector<std::uint8_t> fixed_literal_length_lengths() {
    std::vector<std::uint8_t> lengths(fixed_literal_length_codes);
    for (int s = 0; s < fixed_literal_length_codes; ++s) lengths[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
    return lengths;
}

// Huffman codes are packed from their most significant bit (§3.1.1); the bit
// readers and writers here work from the least significant bit, so codes are
// kept bit-reversed.
std::uint32_t reverse_bits(std::uint32_t code, int length) {
    std::uint32_t reversed = 0;
    for (int i = 0; i < length; ++i) {
        reversed = (reversed << 1) | (code & 1u);
        code >>= 1;
    }
    return reversed;
}

// The canonical code of every symbol from the code lengths alone (§3.2.2),
// bit-reversed. The lengths must describe a code that is not over-subscribed.
std::vector<std::uint16_t> canonical_codes(const std::uint8_t* lengths, std::size_t count) {
    std::array<std::uint32_t, max_code_bits + 1> per_length{};
    for (std::size_t s = 0; s < count; ++s) ++per_length[lengths[s]];
    per_length[0] = 0;
    std::array<std::uint32_t, max_code_bits + 1> next{};
    std::uint32_t code = 0;
    for (int bits = 1; bits <= max_code_bits; ++bits) {
        code = (code + per_length[bits - 1]) << 1;
        next[bits] = code;
    }
    std::vector<std::uint16_t> codes(count, 0);
    for (std::size_t s = 0; s < count; ++s) {
        if (lengths[s] != 0) codes[s] = static_cast<std::uint16_t>(reverse_bits(next[lengths[s]]++, lengths[s]));
    }
    return codes;
}

// ---------------------------------------------------------------------------
// Inflating

struct InflateFailure {
    InflateStatus status;
    std::string reason;
};

[[noreturn]] void fail(std::string reason) { throw InflateFailure{InflateStatus::invalid, std::move(reason)}; }
[[noreturn]] void fail_truncated() { fail("the compressed data ends before its last block does"); }

// Reads bits from the least significant end of each byte, never past the input.
class BitReader {
public:
    explicit BitReader(std::string_view input)
        : data_(reinterpret_cast<const unsigned char*>(input.data())), size_(input.size()) {}

    // The next `count` (at most 16) bits, consumed.
    std::uint32_t bits(int count) {
        fill(count);
        if (available_ < count) fail_truncated();
        const std::uint32_t value = buffer_ & low_mask(count);
        consume(count);
        return value;
    }

    // The next `count` (at most 16) bits without consuming them; bits past the
    // end of the input read as 0, and `available()` says how many are real.
    std::uint32_t peek(int count) {
        fill(count);
        return buffer_ & low_mask(count);
    }
    int available() const { return available_; }
    void consume(int count) {
        buffer_ >>= count;
        available_ -= count;
    }

    // Skips to the next byte boundary; whole bytes read ahead go back to the input.
    void align_to_byte() {
        consume(available_ % 8);
        position_ -= static_cast<std::size_t>(available_ / 8);
        buffer_ = 0;
        available_ = 0;
    }

    // Whole bytes at a byte boundary (after align_to_byte).
    std::string_view bytes(std::size_t count) {
        if (count > size_ - position_) fail_truncated();
        const std::string_view out(reinterpret_cast<const char*>(data_ + position_), count);
        position_ += count;
        return out;
    }
    std::size_t bytes_left() const { return size_ - position_; }

private:
    static std::uint32_t low_mask(int count) { return (std::uint32_t{1} << count) - 1; }
    void fill(int count) {
        while (available_ < count && position_ < size_) {
            buffer_ |= std::uint32_t{data_[position_++]} << available_;
            available_ += 8;
        }
    }

    const unsigned char* data_;
    std::size_t size_;
    std::size_t position_ = 0;
    std::uint32_t buffer_ = 0;  // at most 16 + 7 bits are ever held
    int available_ = 0;
};

// Which incomplete codes a table accepts (§3.2.7: "If only one distance code
// is used, it is encoded using one bit, not zero bits"; "One distance code of
// zero bits means that there are no distance codes used at all").
enum class Incomplete { refused, single_code, single_code_or_none };

// Decodes one Huffman code with a single table lookup of the longest code's length.
class HuffmanTable {
public:
    // Builds the table; the reason the lengths make no usable code otherwise.
    std::string build(const std::uint8_t* lengths, std::size_t count, Incomplete allowed, const char* what) {
        std::array<int, max_code_bits + 1> per_length{};
        int used = 0;
        max_length_ = 0;
        for (std::size_t s = 0; s < count; ++s) {
            ++per_length[lengths[s]];
            if (lengths[s] != 0) {
                ++used;
                max_length_ = std::max<int>(max_length_, lengths[s]);
            }
        }
        long left = 1;  // code space not yet used, in units of codes of the current length
        for (int bits = 1; bits <= max_code_bits; ++bits) {
            left = left * 2 - per_length[bits];
            if (left < 0)
                return std::string("the compressed data has an over-subscribed ") + what +
                       " code (more codes than its lengths allow)";
        }
        const bool complete = left == 0;
        const bool single = used == 1 && max_length_ == 1;
        const bool ok = complete || (allowed != Incomplete::refused && single) ||
                        (allowed == Incomplete::single_code_or_none && used == 0);
        if (!ok)
            return std::string("the compressed data has an incomplete ") + what +
                   " code (its lengths leave codes unused)";

        table_.assign(std::size_t{1} << max_length_, 0);
        const std::vector<std::uint16_t> codes = canonical_codes(lengths, count);
        for (std::size_t s = 0; s < count; ++s) {
            const int length = lengths[s];
            if (length == 0) continue;
            const auto entry = static_cast<std::uint16_t>((s << 4) | static_cast<std::size_t>(length));
            for (std::size_t i = codes[s]; i < table_.size(); i += std::size_t{1} << length) table_[i] = entry;
        }
        return {};
    }

    int decode(BitReader& in, const char* what) const {
        const std::uint16_t entry = table_[in.peek(max_length_)];
        const int length = entry & 15;
        if (entry == 0) {
            if (in.available() < max_length_) fail_truncated();
            fail(std::string("the compressed data uses a ") + what + " code that its block does not define");
        }
        if (in.available() < length) fail_truncated();
        in.consume(length);
        return entry >> 4;
    }

private:
    int max_length_ = 0;
    std::vector<std::uint16_t> table_;  // (symbol << 4) | code length, by the next max_length_ bits; 0: no code
};

class Inflater {
public:
    Inflater(std::string_view input, std::size_t max_output) : in_(input), max_output_(max_output) {}

    std::vector<char> run() {
        bool final = false;
        while (!final) {
            final = in_.bits(1) == 1;
            switch (in_.bits(2)) {
                case 0: stored_block(); break;
                case 1: fixed_block(); break;
                case 2: dynamic_block(); break;
                default: fail("the compressed data has a block of type 3, which does not exist");
            }
        }
        in_.align_to_byte();
        if (in_.bytes_left() > 0) {
            const std::size_t extra = in_.bytes_left();
            fail("the compressed data has " + std::to_string(extra) + (extra == 1 ? " byte" : " bytes") +
                 " after its end");
        }
        return std::move(out_);
    }

private:
    // Makes room for `count` more bytes of output, never growing past the limit.
    void reserve(std::size_t count) {
        if (count > max_output_ - out_.size()) {
            throw InflateFailure{InflateStatus::too_large,
                                 "the compressed data expands to more than " + std::to_string(max_output_) + " bytes"};
        }
        const std::size_t needed = out_.size() + count;
        if (needed > out_.capacity()) out_.reserve(std::min(max_output_, std::max(needed, 2 * out_.capacity())));
    }

    void stored_block() {
        in_.align_to_byte();
        const std::string_view header = in_.bytes(4);
        const unsigned length = static_cast<unsigned char>(header[0]) | static_cast<unsigned char>(header[1]) << 8;
        const unsigned check = static_cast<unsigned char>(header[2]) | static_cast<unsigned char>(header[3]) << 8;
        if ((length ^ 0xFFFFu) != check)
            fail("the compressed data has a stored block whose length check (NLEN) does not match its length");
        const std::string_view data = in_.bytes(length);
        reserve(data.size());
        out_.insert(out_.end(), data.begin(), data.end());
    }

    void fixed_block() {
        const std::vector<std::uint8_t> literal_lengths = fixed_literal_length_lengths();
        const std::vector<std::uint8_t> distance_lengths(fixed_distance_codes, 5);
        HuffmanTable literals, distances;
        literals.build(literal_lengths.data(), literal_lengths.size(), Incomplete::refused, "literal/length");
        distances.build(distance_lengths.data(), distance_lengths.size(), Incomplete::refused, "distance");
        huffman_data(literals, distances);
    }

    void dynamic_block() {
        const int literal_count = static_cast<int>(in_.bits(5)) + 257;
        const int distance_count = static_cast<int>(in_.bits(5)) + 1;
        const int code_length_count = static_cast<int>(in_.bits(4)) + 4;
        if (literal_count > literal_length_codes) {
            fail("the compressed data declares " + std::to_string(literal_count) +
                 " literal/length codes; there are only 286");
        }
        if (distance_count > distance_codes) {
            fail("the compressed data declares " + std::to_string(distance_count) +
                 " distance codes; there are only 30");
        }
        std::array<std::uint8_t, 19> code_length_lengths{};
        for (int i = 0; i < code_length_count; ++i)
            code_length_lengths[code_length_order[i]] = static_cast<std::uint8_t>(in_.bits(3));
        HuffmanTable code_lengths;
        std::string problem = code_lengths.build(code_length_lengths.data(), code_length_lengths.size(),
                                                 Incomplete::refused, "code length");
        if (!problem.empty()) fail(problem);

        // Literal/length and distance code lengths form one sequence; a repeat may cross from one to the other.
        std::array<std::uint8_t, literal_length_codes + distance_codes> lengths{};
        const int total = literal_count + distance_count;
        int i = 0;
        while (i < total) {
            const int symbol = code_lengths.decode(in_, "code length");
            if (symbol < 16) {
                lengths[i++] = static_cast<std::uint8_t>(symbol);
                continue;
            }
            std::uint8_t value = 0;
            int repeat = 0;
            if (symbol == 16) {
                if (i == 0) fail("the compressed data repeats a code length before giving any");
                value = lengths[i - 1];
                repeat = 3 + static_cast<int>(in_.bits(2));
            } else if (symbol == 17) {
                repeat = 3 + static_cast<int>(in_.bits(3));
            } else {
                repeat = 11 + static_cast<int>(in_.bits(7));
            }
            if (repeat > total - i)
                fail("the compressed data repeats a code length past the number of codes it declares");
            std::fill(lengths.begin() + i, lengths.begin() + i + repeat, value);
            i += repeat;
        }
        if (lengths[end_of_block] == 0) fail("the compressed data has a block without an end-of-block code");
        HuffmanTable literals, distances;
        problem = literals.build(lengths.data(), static_cast<std::size_t>(literal_count), Incomplete::single_code,
                                 "literal/length");
        if (!problem.empty()) fail(problem);
        problem = distances.build(lengths.data() + literal_count, static_cast<std::size_t>(distance_count),
                                  Incomplete::single_code_or_none, "distance");
        if (!problem.empty()) fail(problem);
        huffman_data(literals, distances);
    }

    void huffman_data(const HuffmanTable& literals, const HuffmanTable& distances) {
        for (;;) {
            const int symbol = literals.decode(in_, "literal/length");
            if (symbol < 256) {
                reserve(1);
                out_.push_back(static_cast<char>(symbol));
                continue;
            }
            if (symbol == end_of_block) return;
            const std::size_t index = static_cast<std::size_t>(symbol) - 257;
            if (index >= length_base.size())
                fail("the compressed data uses length symbol " + std::to_string(symbol) + ", which does not exist");
            const std::size_t length = length_base[index] + in_.bits(length_extra[index]);
            const auto distance_symbol = static_cast<std::size_t>(distances.decode(in_, "distance"));
            if (distance_symbol >= distance_base.size()) {
                fail("the compressed data uses distance symbol " + std::to_string(distance_symbol) +
                     ", which does not exist");
            }
            const std::size_t distance = distance_base[distance_symbol] + in_.bits(distance_extra[distance_symbol]);
            if (distance > out_.size())
                fail("the compressed data refers back to before its start (a distance too far back)");
            reserve(length);
            const std::size_t from = out_.size() - distance;
            for (std::size_t k = 0; k < length; ++k) out_.push_back(out_[from + k]);  // may overlap what it writes
        }
    }

    BitReader in_;
    std::size_t max_output_;
    std::vector<char> out_;  // a vector grows to exactly what reserve() asks; a string may double past the limit
};

// ---------------------------------------------------------------------------
// Deflating

class BitWriter {
public:
    void put(std::uint32_t bits, int count) {
        buffer_ |= std::uint64_t{bits} << pending_;
        pending_ += count;
        while (pending_ >= 8) {
            out_.push_back(static_cast<char>(buffer_ & 0xFFu));
            buffer_ >>= 8;
            pending_ -= 8;
        }
    }
    void align_to_byte() {
        if (pending_ > 0) put(0, 8 - pending_);
    }
    void bytes(std::string_view data) { out_.append(data.data(), data.size()); }  // at a byte boundary
    std::uint64_t bit_position() const { return std::uint64_t{out_.size()} * 8 + static_cast<std::uint64_t>(pending_); }
    std::string take() {
        align_to_byte();
        return std::move(out_);
    }

private:
    std::string out_;
    std::uint64_t buffer_ = 0;
    int pending_ = 0;  // bits in buffer_, always < 8 between calls
};

// A literal byte (distance 0, the byte in `length`) or a match.
struct Token {
    std::uint16_t length;
    std::uint16_t distance;
};

std::size_t length_index(std::size_t length) {
    const auto it = std::upper_bound(length_base.begin(), length_base.end(), length);
    return static_cast<std::size_t>(it - length_base.begin()) - 1;
}

std::size_t distance_index(std::size_t distance) {
    const auto it = std::upper_bound(distance_base.begin(), distance_base.end(), distance);
    return static_cast<std::size_t>(it - distance_base.begin()) - 1;
}

// Code lengths of at most `limit` bits for these symbol frequencies. Every code
// has at least two symbols, so that it is complete (unused symbols that fill
// the second place cost a few bits of header, and spare decoders a special case).
std::vector<std::uint8_t> huffman_lengths(std::vector<std::uint64_t> frequencies, int limit) {
    int used =
        static_cast<int>(std::count_if(frequencies.begin(), frequencies.end(), [](std::uint64_t f) { return f > 0; }));
    for (std::size_t s = 0; used < 2 && s < frequencies.size(); ++s) {
        if (frequencies[s] == 0) {
            frequencies[s] = 1;
            ++used;
        }
    }
    for (;;) {
        struct Node {
            int parent = -1;
        };
        std::vector<Node> nodes;
        std::vector<int> leaf_of(frequencies.size(), -1);
        using Item = std::pair<std::uint64_t, int>;  // weight, node
        std::priority_queue<Item, std::vector<Item>, std::greater<Item>> queue;
        for (std::size_t s = 0; s < frequencies.size(); ++s) {
            if (frequencies[s] == 0) continue;
            leaf_of[s] = static_cast<int>(nodes.size());
            queue.push({frequencies[s], static_cast<int>(nodes.size())});
            nodes.push_back({});
        }
        while (queue.size() > 1) {
            const Item a = queue.top();
            queue.pop();
            const Item b = queue.top();
            queue.pop();
            const int parent = static_cast<int>(nodes.size());
            nodes.push_back({});
            nodes[static_cast<std::size_t>(a.second)].parent = parent;
            nodes[static_cast<std::size_t>(b.second)].parent = parent;
            queue.push({a.first + b.first, parent});
        }
        // Parents come after their children, so depths fill in from the root down.
        std::vector<int> depth(nodes.size(), 0);
        for (std::size_t n = nodes.size(); n-- > 0;) {
            if (nodes[n].parent >= 0) depth[n] = depth[static_cast<std::size_t>(nodes[n].parent)] + 1;
        }
        std::vector<std::uint8_t> lengths(frequencies.size(), 0);
        int longest = 0;
        for (std::size_t s = 0; s < frequencies.size(); ++s) {
            if (leaf_of[s] < 0) continue;
            const int d = depth[static_cast<std::size_t>(leaf_of[s])];
            lengths[s] = static_cast<std::uint8_t>(std::min(d, 255));
            longest = std::max(longest, d);
        }
        if (longest <= limit) return lengths;
        // Too deep: flatten the frequencies and build again. Halving converges
        // to all-equal weights, whose tree is as shallow as it can be.
        for (std::uint64_t& f : frequencies) f = f == 0 ? 0 : (f + 1) / 2;
    }
}

// Run-length coding of a code length sequence with symbols 16, 17 and 18 (§3.2.7).
struct CodeLengthSymbol {
    std::uint8_t symbol;
    std::uint8_t extra;  // the repeat count's extra bits value
};

std::vector<CodeLengthSymbol> run_length_code(const std::vector<std::uint8_t>& lengths) {
    std::vector<CodeLengthSymbol> out;
    std::size_t i = 0;
    while (i < lengths.size()) {
        const std::uint8_t value = lengths[i];
        std::size_t run = 1;
        while (i + run < lengths.size() && lengths[i + run] == value) ++run;
        i += run;
        if (value == 0) {
            while (run >= 11) {
                const std::size_t n = std::min<std::size_t>(run, 138);
                out.push_back({18, static_cast<std::uint8_t>(n - 11)});
                run -= n;
            }
            if (run >= 3) {
                out.push_back({17, static_cast<std::uint8_t>(run - 3)});
                run = 0;
            }
        } else {
            out.push_back({value, 0});
            --run;
            while (run >= 3) {
                const std::size_t n = std::min<std::size_t>(run, 6);
                out.push_back({16, static_cast<std::uint8_t>(n - 3)});
                run -= n;
            }
        }
        for (; run > 0; --run) out.push_back({value, 0});
    }
    return out;
}

int code_length_extra_bits(int symbol) { return symbol == 16 ? 2 : symbol == 17 ? 3 : symbol == 18 ? 7 : 0; }

class BlockWriter {
public:
    explicit BlockWriter(BitWriter& out) : out_(out) {}

    // Writes `tokens`, which encode `raw`, as whichever block type is smallest.
    void write(const std::vector<Token>& tokens, std::string_view raw, bool final) {
        std::vector<std::uint64_t> literal_frequencies(literal_length_codes, 0),
            distance_frequencies(distance_codes, 0);
        std::uint64_t extra_bits = 0;
        for (const Token& t : tokens) {
            if (t.distance == 0) {
                ++literal_frequencies[t.length];
                continue;
            }
            const std::size_t li = length_index(t.length), di = distance_index(t.distance);
            ++literal_frequencies[257 + li];
            ++distance_frequencies[di];
            extra_bits += length_extra[li] + distance_extra[di];
        }
        literal_frequencies[end_of_block] = 1;

        const std::vector<std::uint8_t> fixed_literals = fixed_literal_length_lengths();
        const std::vector<std::uint8_t> fixed_distances(distance_codes, 5);
        const std::uint64_t fixed_bits =
            3 + data_bits(literal_frequencies, distance_frequencies, fixed_literals, fixed_distances) + extra_bits;

        const Dynamic dynamic = plan_dynamic(literal_frequencies, distance_frequencies);
        const std::uint64_t dynamic_bits =
            dynamic.header_bits +
            data_bits(literal_frequencies, distance_frequencies, dynamic.literals, dynamic.distances) + extra_bits;

        const std::size_t stored_chunks =
            std::max<std::size_t>(1, (raw.size() + max_stored_block - 1) / max_stored_block);
        const std::uint64_t first_pad = (8 - (out_.bit_position() + 3) % 8) % 8;
        const std::uint64_t stored_bits =
            first_pad + 5 * (stored_chunks - 1) + (3 + 32) * stored_chunks + 8 * std::uint64_t{raw.size()};

        if (stored_bits <= fixed_bits && stored_bits <= dynamic_bits) {
            write_stored(raw, final);
        } else if (fixed_bits <= dynamic_bits) {
            out_.put(final ? 1 : 0, 1);
            out_.put(1, 2);
            write_data(tokens, fixed_literals, fixed_distances);
        } else {
            out_.put(final ? 1 : 0, 1);
            out_.put(2, 2);
            write_dynamic_header(dynamic);
            write_data(tokens, dynamic.literals, dynamic.distances);
        }
    }

private:
    struct Dynamic {
        std::vector<std::uint8_t> literals, distances;  // code lengths
        std::size_t literal_count = 0, distance_count = 0;
        std::vector<CodeLengthSymbol> sequence;
        std::vector<std::uint8_t> code_length_lengths;
        std::size_t code_length_count = 0;
        std::uint64_t header_bits = 0;  // including the 3 block header bits
    };

    static std::uint64_t data_bits(const std::vector<std::uint64_t>& literal_frequencies,
                                   const std::vector<std::uint64_t>& distance_frequencies,
                                   const std::vector<std::uint8_t>& literal_lengths,
                                   const std::vector<std::uint8_t>& distance_lengths) {
        std::uint64_t bits = 0;
        for (std::size_t s = 0; s < literal_frequencies.size(); ++s)
            bits += literal_frequencies[s] * literal_lengths[s];
        for (std::size_t s = 0; s < distance_frequencies.size(); ++s)
            bits += distance_frequencies[s] * distance_lengths[s];
        return bits;
    }

    static Dynamic plan_dynamic(const std::vector<std::uint64_t>& literal_frequencies,
                                const std::vector<std::uint64_t>& distance_frequencies) {
        Dynamic d;
        d.literals = huffman_lengths(literal_frequencies, max_code_bits);
        d.distances = huffman_lengths(distance_frequencies, max_code_bits);
        d.literal_count = literal_length_codes;
        while (d.literal_count > 257 && d.literals[d.literal_count - 1] == 0) --d.literal_count;
        d.distance_count = distance_codes;
        while (d.distance_count > 1 && d.distances[d.distance_count - 1] == 0) --d.distance_count;

        std::vector<std::uint8_t> all(d.literals.begin(),
                                      d.literals.begin() + static_cast<std::ptrdiff_t>(d.literal_count));
        all.insert(all.end(), d.distances.begin(), d.distances.begin() + static_cast<std::ptrdiff_t>(d.distance_count));
        d.sequence = run_length_code(all);
        std::vector<std::uint64_t> code_length_frequencies(19, 0);
        for (const CodeLengthSymbol& c : d.sequence) ++code_length_frequencies[c.symbol];
        d.code_length_lengths = huffman_lengths(code_length_frequencies, max_code_length_bits);
        d.code_length_count = 19;
        while (d.code_length_count > 4 && d.code_length_lengths[code_length_order[d.code_length_count - 1]] == 0) {
            --d.code_length_count;
        }
        d.header_bits = 3 + 5 + 5 + 4 + 3 * std::uint64_t{d.code_length_count};
        for (const CodeLengthSymbol& c : d.sequence) {
            d.header_bits +=
                d.code_length_lengths[c.symbol] + static_cast<std::uint64_t>(code_length_extra_bits(c.symbol));
        }
        return d;
    }

    void write_dynamic_header(const Dynamic& d) {
        out_.put(static_cast<std::uint32_t>(d.literal_count - 257), 5);
        out_.put(static_cast<std::uint32_t>(d.distance_count - 1), 5);
        out_.put(static_cast<std::uint32_t>(d.code_length_count - 4), 4);
        for (std::size_t i = 0; i < d.code_length_count; ++i) out_.put(d.code_length_lengths[code_length_order[i]], 3);
        const std::vector<std::uint16_t> codes =
            canonical_codes(d.code_length_lengths.data(), d.code_length_lengths.size());
        for (const CodeLengthSymbol& c : d.sequence) {
            out_.put(codes[c.symbol], d.code_length_lengths[c.symbol]);
            if (const int extra = code_length_extra_bits(c.symbol)) out_.put(c.extra, extra);
        }
    }

    void write_data(const std::vector<Token>& tokens, const std::vector<std::uint8_t>& literal_lengths,
                    const std::vector<std::uint8_t>& distance_lengths) {
        const std::vector<std::uint16_t> literal_code = canonical_codes(literal_lengths.data(), literal_lengths.size());
        const std::vector<std::uint16_t> distance_code =
            canonical_codes(distance_lengths.data(), distance_lengths.size());
        for (const Token& t : tokens) {
            if (t.distance == 0) {
                out_.put(literal_code[t.length], literal_lengths[t.length]);
                continue;
            }
            const std::size_t li = length_index(t.length), di = distance_index(t.distance);
            out_.put(literal_code[257 + li], literal_lengths[257 + li]);
            out_.put(static_cast<std::uint32_t>(t.length - length_base[li]), length_extra[li]);
            out_.put(distance_code[di], distance_lengths[di]);
            out_.put(static_cast<std::uint32_t>(t.distance - distance_base[di]), distance_extra[di]);
        }
        out_.put(literal_code[end_of_block], literal_lengths[end_of_block]);
    }

    void write_stored(std::string_view raw, bool final) {
        std::size_t offset = 0;
        do {
            const std::size_t n = std::min(max_stored_block, raw.size() - offset);
            const bool last = offset + n == raw.size();
            out_.put(final && last ? 1 : 0, 1);
            out_.put(0, 2);
            out_.align_to_byte();
            out_.put(static_cast<std::uint32_t>(n), 16);
            out_.put(static_cast<std::uint32_t>(n ^ 0xFFFFu), 16);
            out_.bytes(raw.substr(offset, n));
            offset += n;
        } while (offset < raw.size());
    }

    BitWriter& out_;
};

// LZ77 matches over the last 32 KiB, found through chains of earlier
// positions with the same 3-byte hash.
class Matcher {
public:
    struct Match {
        std::size_t length = 0;
        std::size_t distance = 0;
    };

    explicit Matcher(std::string_view data)
        : data_(reinterpret_cast<const unsigned char*>(data.data())),
          size_(data.size()),
          head_(std::size_t{1} << hash_bits, none),
          previous_(window_size, none) {}

    void insert(std::size_t position) {
        if (position + min_match > size_) return;
        const std::size_t h = hash(position);
        previous_[position % window_size] = head_[h];
        head_[h] = position;
    }

    // The longest match for `position` among earlier inserted positions.
    Match longest(std::size_t position) const {
        Match best;
        if (position + min_match > size_) return best;
        const std::size_t limit = std::min(max_match, size_ - position);
        std::size_t best_length = min_match - 1;
        std::size_t candidate = head_[hash(position)];
        for (int chain = 0; candidate != none && chain < max_chain; ++chain) {
            if (candidate >= position || position - candidate > window_size) break;
            // Cheap rejection first: a longer match must agree at the current best length.
            if (data_[candidate + best_length] == data_[position + best_length]) {
                std::size_t length = 0;
                while (length < limit && data_[candidate + length] == data_[position + length]) ++length;
                if (length > best_length) {
                    best_length = length;
                    best = {length, position - candidate};
                    if (length >= limit) break;
                }
            }
            const std::size_t next = previous_[candidate % window_size];
            if (next == none || next >= candidate) break;  // the slot was reused by a newer position
            candidate = next;
        }
        // A 3-byte match far back costs more bits than three literals.
        if (best.length == min_match && best.distance > too_far_for_3) return {};
        return best;
    }

private:
    static constexpr int hash_bits = 15;
    static constexpr int max_chain = 128;
    static constexpr std::size_t too_far_for_3 = 4096;
    static constexpr std::size_t none = static_cast<std::size_t>(-1);

    std::size_t hash(std::size_t p) const {
        const std::uint32_t v = data_[p] | std::uint32_t{data_[p + 1]} << 8 | std::uint32_t{data_[p + 2]} << 16;
        return (v * 2654435761u) >> (32 - hash_bits);
    }

    const unsigned char* data_;
    std::size_t size_;
    std::vector<std::size_t> head_;      // by hash: the latest position
    std::vector<std::size_t> previous_;  // by position % window: the position before it with the same hash
};

}  // namespace

std::string deflate_raw(std::string_view data) {
    // A match at least this long is taken without looking one byte further for a longer one.
    constexpr std::size_t good_enough = 32;
    constexpr std::size_t tokens_per_block = 32768;

    BitWriter out;
    BlockWriter blocks(out);
    Matcher matcher(data);
    std::vector<Token> tokens;
    tokens.reserve(std::min(tokens_per_block, data.size() + 1));
    std::size_t block_start = 0;
    std::size_t position = 0;
    Matcher::Match pending;  // the match found for `position` by the previous step's look-ahead
    bool have_pending = false;
    while (position < data.size()) {
        const Matcher::Match current = have_pending ? pending : matcher.longest(position);
        have_pending = false;
        matcher.insert(position);
        if (current.length >= min_match && current.length < good_enough && position + 1 < data.size()) {
            const Matcher::Match next = matcher.longest(position + 1);
            if (next.length > current.length) {  // lazy matching: a literal now buys a longer match
                pending = next;
                have_pending = true;
            }
        }
        if (current.length >= min_match && !have_pending) {
            tokens.push_back(
                {static_cast<std::uint16_t>(current.length), static_cast<std::uint16_t>(current.distance)});
            for (std::size_t k = 1; k < current.length; ++k) matcher.insert(position + k);
            position += current.length;
        } else {
            tokens.push_back({static_cast<unsigned char>(data[position]), 0});
            position += 1;
        }
        if (tokens.size() >= tokens_per_block) {
            blocks.write(tokens, data.substr(block_start, position - block_start), false);
            tokens.clear();
            block_start = position;
        }
    }
    blocks.write(tokens, data.substr(block_start), true);
    return out.take();
}

InflateResult inflate_raw(std::string_view compressed, std::size_t max_output) {
    InflateResult result;
    try {
        const std::vector<char> output = Inflater(compressed, max_output).run();
        result.output.assign(output.begin(), output.end());
    } catch (const InflateFailure& failure) {
        result.status = failure.status;
        result.reason = failure.reason;
    }
    return result;
}

}  // namespace gputco
