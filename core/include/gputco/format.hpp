// Small text helpers shared by messages and writers.
#pragma once

#include <string>
#include <string_view>

namespace gputco {

// The shortest decimal form that reads back as exactly `value` ("0.1", "36", "1e-07").
std::string shortest_number(double value);

// `text` as a JSON string literal for a message, with control and non-ASCII
// characters escaped and anything past `max_code_points` cut with "...".
// Messages quote user input; this keeps them one line, printable and bounded.
std::string quote_text(std::string_view text, std::size_t max_code_points = 40);

// Number of Unicode code points in valid UTF-8 text.
std::size_t count_code_points(std::string_view utf8);

}  // namespace gputco
