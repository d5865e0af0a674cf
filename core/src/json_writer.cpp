#include "gputco/json_writer.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

namespace gputco {

void append_number(std::string& out, double value) {
    if (!std::isfinite(value)) {  // JSON has no such numbers; validated inputs never produce them
        out += "null";
        return;
    }
    if (value == 0) value = 0;  // never write -0.0
    char buffer[64];
    // nlohmann's Grisu2 formatter: the same text as the rest of the library writes.
    char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, end);
}

namespace {
void append_string(std::string& out, std::string_view text) {
    out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
}  // namespace

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    append_string(out_, name);
    out_ += indent_ < 0 ? ":" : ": ";
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    before_value();
    append_number(out_, number);
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
    before_value();
    out_ += std::to_string(number);
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    before_value();
    append_string(out_, text);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    before_value();
    out_ += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    out_ += "null";
    return *this;
}

JsonWriter& JsonWriter::values(const double* numbers, std::size_t count) {
    begin_array();
    for (std::size_t i = 0; i < count; ++i) value(numbers[i]);
    return end_array();
}

JsonWriter& JsonWriter::open(char bracket) {
    before_value();
    out_ += bracket;
    levels_.push_back(Level{});
    return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
    const bool was_empty = levels_.back().empty;
    levels_.pop_back();
    if (!was_empty) newline();
    out_ += bracket;
    return *this;
}

void JsonWriter::before_value() {
    if (after_key_) {  // the value of a key: on the key's line
        after_key_ = false;
        return;
    }
    if (levels_.empty()) return;
    if (!levels_.back().empty) out_ += ',';
    levels_.back().empty = false;
    newline();
}

void JsonWriter::newline() {
    if (indent_ < 0) return;
    out_ += '\n';
    out_.append(levels_.size() * static_cast<std::size_t>(indent_), ' ');
}

}  // namespace gputco
