#include "gputco/format.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace gputco {

std::string shortest_number(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
    if (value == 0) return "0";
    char buffer[40];
    if (std::fabs(value) < 1e16 && std::floor(value) == value) {
        std::snprintf(buffer, sizeof buffer, "%.0f", value);
        return buffer;
    }
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
        if (std::strtod(buffer, nullptr) == value) break;
    }
    return buffer;
}

std::size_t count_code_points(std::string_view utf8) {
    std::size_t count = 0;
    for (unsigned char c : utf8) {
        if ((c & 0xC0) != 0x80) ++count;  // every byte that does not continue a sequence
    }
    return count;
}

std::string quote_text(std::string_view text, std::size_t max_code_points) {
    std::string out = "\"";
    std::size_t points = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        if (points == max_code_points) {
            out += "...";
            break;
        }
        const auto c = static_cast<unsigned char>(text[i]);
        // Decode one UTF-8 sequence (the JSON reader has already rejected invalid UTF-8;
        // a stray byte here is shown as U+FFFD).
        std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        unsigned long point = 0xFFFD;
        if (length == 0 || i + length > text.size()) {
            length = 1;
        } else {
            point = length == 1 ? c : (c & (0x7F >> length));
            for (std::size_t k = 1; k < length; ++k) point = (point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        }
        i += length;
        ++points;
        if (point == '"' || point == '\\') {
            out += '\\';
            out += static_cast<char>(point);
        } else if (point >= 0x20 && point < 0x7F) {
            out += static_cast<char>(point);
        } else {
            // Room for the widest an unsigned long could print: the compiler cannot see
            // that a decoded point is at most 0x10FFFF.
            char escape[48];
            if (point > 0xFFFF) {  // as a JSON surrogate pair
                const unsigned long v = point - 0x10000;
                std::snprintf(escape, sizeof escape, "\\u%04lx\\u%04lx", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
            } else {
                std::snprintf(escape, sizeof escape, "\\u%04lx", point);
            }
            out += escape;
        }
    }
    out += '"';
    return out;
}

}  // namespace gputco
