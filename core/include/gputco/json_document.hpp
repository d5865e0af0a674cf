// Strict JSON reading: a document, or every problem with it, each with a path.
//
// Stricter than JSON itself in the ways a scenario needs (§2): a key that
// appears twice in one object is an error rather than silently overwritten,
// and documents that are too large or nested too deeply are refused before any
// work is done on them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "gputco/problem.hpp"

namespace gputco {

using Json = nlohmann::json;

struct JsonLimits {
    std::size_t max_bytes = 4u << 20;  // 4 MiB: a valid scenario is a few kilobytes
    int max_depth = 64;                // a valid scenario nests 3 levels deep
};

struct JsonDocument {
    Json value;        // meaningful only when problems is empty
    Problems problems;
    bool ok() const { return problems.empty(); }
};

JsonDocument read_json(std::string_view text, JsonLimits limits = {});

// Path helpers: how a member or an element of `parent` is named in messages.
// Keys that are not plain identifiers are written as ["quoted"] so that a
// hostile key cannot forge a path or break a line.
std::string member_path(const std::string& parent, std::string_view key);
std::string element_path(const std::string& parent, std::size_t index);

}  // namespace gputco
