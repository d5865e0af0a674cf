// Errors as values: every problem with an input is a path and a sentence.
#pragma once

#include <string>
#include <vector>

namespace gputco {

// One problem with an input, reported as `path: message` (§2). The path names
// the offending field the way a user would write it (`options[1].price`), or is
// "(root)" when there is none (malformed JSON, the top level not an object).
struct Problem {
    std::string path;
    std::string message;

    std::string to_string() const { return path + ": " + message; }
    bool operator==(const Problem& other) const { return path == other.path && message == other.message; }
};

using Problems = std::vector<Problem>;

inline constexpr const char* root_path = "(root)";

// At most this many problems are reported for one input; a final "(root)" line
// says that more were cut. A hostile document cannot produce megabytes of errors.
inline constexpr std::size_t max_reported_problems = 100;

// Thrown by the analysis functions (breakeven, sensitivity, simulate) when a
// request is invalid. Carries the same path + message pairs as validation.
class InputError : public std::exception {
public:
    explicit InputError(Problems problems) : problems_(std::move(problems)) {
        what_ = problems_.empty() ? std::string("invalid input") : problems_.front().to_string();
    }
    InputError(std::string path, std::string message) : InputError(Problems{{std::move(path), std::move(message)}}) {}
    const Problems& problems() const { return problems_; }
    const char* what() const noexcept override { return what_.c_str(); }

private:
    Problems problems_;
    std::string what_;
};

}  // namespace gputco
