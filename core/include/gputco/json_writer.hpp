// A streaming JSON writer for output documents: no intermediate tree, keys in
// the order written, numbers in shortest round-trip form. Results carry
// thousands of monthly numbers, and building a document tree first cost more
// than the evaluation itself.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gputco {

class JsonWriter {
public:
    // indent < 0: one compact line; otherwise pretty-printed with `indent` spaces.
    explicit JsonWriter(int indent = -1) : indent_(indent) {}

    JsonWriter& begin_object() { return open('{'); }
    JsonWriter& end_object() { return close('}'); }
    JsonWriter& begin_array() { return open('['); }
    JsonWriter& end_array() { return close(']'); }
    JsonWriter& key(std::string_view name);

    JsonWriter& value(double number);
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(bool flag);
    JsonWriter& null();

    // A whole array of numbers.
    JsonWriter& values(const double* numbers, std::size_t count);

    // The finished document.
    std::string take() { return std::move(out_); }

private:
    JsonWriter& open(char bracket);
    JsonWriter& close(char bracket);
    void before_value();
    void newline();

    std::string out_;
    int indent_;
    struct Level {
        bool empty = true;
    };
    std::vector<Level> levels_;
    bool after_key_ = false;
};

// Appends the shortest text that reads back as exactly `value`, as JSON writes
// it: always with a decimal point or exponent ("15872000.0", "0.1", "1e-07").
void append_number(std::string& out, double value);

}  // namespace gputco
