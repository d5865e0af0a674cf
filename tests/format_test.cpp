#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>

#include "gputco/format.hpp"

using namespace gputco;

TEST_CASE("shortest_number writes the shortest text that reads back exactly", "[format]") {
    CHECK(shortest_number(0.1) == "0.1");
    CHECK(shortest_number(1e7) == "10000000");
    CHECK(shortest_number(-1) == "-1");
    CHECK(shortest_number(0) == "0");
    CHECK(shortest_number(2.99) == "2.99");
    CHECK(shortest_number(1e-7) == "1e-07");
    CHECK(shortest_number(9007199254740991.0) == "9007199254740991");
    CHECK(shortest_number(1e300) == "1e+300");
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(-1e6, 1e6);
    for (int i = 0; i < 1000; ++i) {
        const double x = u(rng);
        CHECK(std::strtod(shortest_number(x).c_str(), nullptr) == x);
    }
}

TEST_CASE("quote_text keeps messages on one printable line", "[format]") {
    CHECK(quote_text("abc") == "\"abc\"");
    CHECK(quote_text("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(quote_text("line\nbreak") == "\"line\\u000abreak\"");
    CHECK(quote_text("\xe2\x80\xae" "evil") == "\"\\u202eevil\"");                  // right-to-left override
    CHECK(quote_text("\xf0\x9f\x98\x80") == "\"\\ud83d\\ude00\"");                   // an emoji as a surrogate pair
    CHECK(quote_text("abcdefgh", 3) == "\"abc...\"");
    CHECK(quote_text(std::string("\xff", 1)) == "\"\\ufffd\"");
}

TEST_CASE("length limits count code points, not bytes", "[format]") {
    CHECK(count_code_points("abc") == 3);
    CHECK(count_code_points("\xc3\xa9t\xc3\xa9") == 3);        // été
    CHECK(count_code_points("\xf0\x9f\x98\x80") == 1);
}
