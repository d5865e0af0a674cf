#include "gputco/json_document.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>
#include <vector>

#include "gputco/format.hpp"

namespace gputco {

std::string member_path(const std::string& parent, std::string_view key) {
    const bool plain = !key.empty() && key.size() <= 64 &&
                       key.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") ==
                           std::string_view::npos;
    if (!plain) return parent + "[" + quote_text(key) + "]";
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string element_path(const std::string& parent, std::size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

namespace {

std::string display_path(const std::string& path) { return path.empty() ? root_path : path; }

// Builds the document from nlohmann's SAX events, tracking the path of the
// value being read so that duplicate keys can be reported where they are.
class StrictBuilder : public nlohmann::json_sax<Json> {
public:
    StrictBuilder(std::string_view text, Json& root, Problems& problems, int max_depth)
        : text_(text), root_(root), problems_(problems), max_depth_(max_depth) {}

    bool null() override { return put(Json(nullptr)); }
    bool boolean(bool v) override { return put(Json(v)); }
    bool number_integer(number_integer_t v) override { return put(Json(v)); }
    bool number_unsigned(number_unsigned_t v) override { return put(Json(v)); }
    bool number_float(number_float_t v, const string_t&) override { return put(Json(v)); }
    bool string(string_t& v) override { return put(Json(std::move(v))); }
    bool binary(binary_t&) override { return false; }  // not produced by the text parser

    bool start_object(std::size_t) override { return open(Json::object()); }
    bool start_array(std::size_t) override { return open(Json::array()); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }

    bool key(string_t& k) override {
        Frame& frame = stack_.back();
        frame.key = k;
        frame.duplicate = !frame.keys.insert(k).second;
        if (frame.duplicate) {
            report(member_path(frame.path, k), "appears more than once in the same object");
        }
        return true;
    }

    bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception& e) override {
        if (e.id == 406) {  // a number too large for a double: the lexer refuses it, but we know where it was
            report(stack_.empty() ? std::string() : child_path(),
                   "must be a finite number; " + printable(token) + " is too large to represent");
            return false;
        }
        // nlohmann's text: "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ...".
        // Keep the explanation; count the line and column ourselves from the last byte read,
        // since nlohmann reports "column 0" when a token ends with a line break.
        std::string what = e.what();
        const std::size_t detail = what.find(": ", what.find("parse error"));
        if (detail != std::string::npos) what = what.substr(detail + 2);
        report("", "invalid JSON at " + line_and_column(position) + ": " + printable(what));
        return false;
    }

private:
    struct Frame {
        Json* container;
        std::string path;
        std::string key;                       // objects: the key of the value being read
        bool duplicate = false;                // that key was seen before in this object
        std::unordered_set<std::string> keys;  // objects: keys seen so far
    };

    // The path and slot of the value about to be read.
    std::string child_path() const {
        const Frame& frame = stack_.back();
        if (frame.container->is_object()) return member_path(frame.path, frame.key);
        return element_path(frame.path, frame.container->size());
    }

    Json* place(Json&& value) {
        if (stack_.empty()) {
            root_ = std::move(value);
            return &root_;
        }
        Frame& frame = stack_.back();
        if (frame.container->is_array()) {
            frame.container->push_back(std::move(value));
            return &frame.container->back();
        }
        if (frame.duplicate) {
            // Keep the first value; the document is rejected anyway.
            discarded_ = std::move(value);
            return &discarded_;
        }
        Json& slot = (*frame.container)[frame.key];
        slot = std::move(value);
        return &slot;
    }

    bool put(Json&& value) {
        place(std::move(value));
        return true;
    }

    bool open(Json&& container) {
        if (static_cast<int>(stack_.size()) >= max_depth_) {
            report("", "nesting is deeper than " + std::to_string(max_depth_) + " levels");
            return false;
        }
        std::string path = stack_.empty() ? std::string() : child_path();
        Json* slot = place(std::move(container));
        // A duplicate key's container is read into a scratch value that the next
        // duplicate could overwrite; give it a stable home of its own instead.
        if (slot == &discarded_) {
            scratch_.push_back(std::make_unique<Json>(std::move(discarded_)));
            slot = scratch_.back().get();
        }
        stack_.push_back(Frame{slot, std::move(path), {}, false, {}});
        return true;
    }

    bool close() {
        stack_.pop_back();
        return true;
    }

    // At most max_reported_problems, then one line saying more were cut, as the
    // scenario reader does: a document of repeated keys must not list each one.
    void report(const std::string& path, std::string message) {
        if (problems_.size() < max_reported_problems) {
            problems_.push_back({display_path(path), std::move(message)});
        } else if (problems_.size() == max_reported_problems) {
            problems_.push_back({root_path, "more problems were found; only the first " +
                                                std::to_string(max_reported_problems) + " are listed"});
        }
    }

    // "line L, column C" of the byte before `position` (1-based; columns count bytes).
    std::string line_and_column(std::size_t position) const {
        const std::size_t last = std::min(position, text_.size());
        std::size_t line = 1, column = 0;
        for (std::size_t i = 0; i < last; ++i) {
            if (text_[i] == '\n' && i + 1 < last) {
                ++line;
                column = 0;
            } else {
                ++column;
            }
        }
        return "line " + std::to_string(line) + ", column " + std::to_string(std::max<std::size_t>(column, 1));
    }

    // The parser's message quotes what it read; keep it on one line and short.
    static std::string printable(const std::string& text) {
        std::string out;
        for (unsigned char c : text) {
            if (out.size() >= 200) {
                out += "...";
                break;
            }
            if (c < 0x20 || c >= 0x7F) {
                static const char hex[] = "0123456789abcdef";
                out += "\\x";
                out += hex[c >> 4];
                out += hex[c & 15];
            } else {
                out += static_cast<char>(c);
            }
        }
        return out;
    }

    std::string_view text_;
    Json& root_;
    Problems& problems_;
    int max_depth_;
    std::vector<Frame> stack_;
    Json discarded_;
    std::vector<std::unique_ptr<Json>> scratch_;
};

}  // namespace

JsonDocument read_json(std::string_view text, JsonLimits limits) {
    JsonDocument doc;
    if (text.size() > limits.max_bytes) {
        doc.problems.push_back({root_path, "the input is " + std::to_string(text.size()) + " bytes; the limit is " +
                                               std::to_string(limits.max_bytes) + " bytes"});
        return doc;
    }
    StrictBuilder builder(text, doc.value, doc.problems, limits.max_depth);
    const bool parsed = Json::sax_parse(text.begin(), text.end(), &builder, nlohmann::detail::input_format_t::json, true);
    if (!parsed && doc.problems.empty()) doc.problems.push_back({root_path, "invalid JSON"});
    if (!doc.ok()) doc.value = Json();
    return doc;
}

}  // namespace gputco
