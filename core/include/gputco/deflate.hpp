// Raw DEFLATE (RFC 1951), both ways: the compression inside share links.
//
// Written for this project from the RFC, so that the core needs no library
// and the inflater can promise what a link decoder needs: it accepts every
// valid stream (stored, fixed and dynamic Huffman blocks, as zlib and the
// browsers' CompressionStream write them), rejects every invalid one with a
// reason, never reads past its input, and never produces (or allocates) more
// than the output limit it is given — a few kilobytes of hostile input cannot
// make it write gigabytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gputco {

// `data` compressed as raw DEFLATE (no zlib or gzip header): LZ77 over a 32 KiB
// window with hash chains and lazy matching, and per block the smallest of a
// stored, a fixed Huffman and a dynamic Huffman encoding.
std::string deflate_raw(std::string_view data);

enum class InflateStatus {
    ok,
    invalid,    // not a valid raw DEFLATE stream: `reason` says why
    too_large,  // valid so far, but its output would exceed the limit
};

struct InflateResult {
    std::string output;  // the data when ok; empty otherwise
    InflateStatus status = InflateStatus::ok;
    std::string reason;  // what is wrong, e.g. "the compressed data ends before its last block does"
    bool ok() const { return status == InflateStatus::ok; }
};

// Decompresses one raw DEFLATE stream that must make up the whole of
// `compressed`: bytes after the final block are an error. Stops as soon as the
// output would exceed `max_output` bytes.
InflateResult inflate_raw(std::string_view compressed, std::size_t max_output);

}  // namespace gputco
