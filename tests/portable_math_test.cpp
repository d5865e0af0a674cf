// exp and log built from IEEE basic operations (portable_math.hpp), against the
// platform's libm: they must agree to within one unit in the last place.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <vector>

#include "gputco/portable_math.hpp"
#include "gputco/random.hpp"

using namespace gputco;

namespace {

// Distance in units in the last place between two finite doubles of the same sign.
std::int64_t ulps_apart(double a, double b) {
    std::int64_t x, y;
    std::memcpy(&x, &a, sizeof x);
    std::memcpy(&y, &b, sizeof y);
    return std::llabs(x - y);
}

}  // namespace

TEST_CASE("portable_exp is within one ulp of std::exp over the whole range", "[portable-math]") {
    Xoshiro256pp g = path_stream(2024, 0);
    std::int64_t worst = 0;
    double worst_at = 0;
    for (int i = 0; i < 2000000; ++i) {
        double x;
        switch (i % 4) {
            case 0: x = -745.0 + 1454.7 * g.uniform(); break;   // everything, subnormal results included
            case 1: x = -20.0 + 40.0 * g.uniform(); break;      // where price paths live
            case 2: x = -1e-6 + 2e-6 * g.uniform(); break;      // near zero
            default: x = std::ldexp(g.uniform() - 0.5, -40); break;
        }
        const double expected = std::exp(x);
        if (expected == 0 || std::isinf(expected)) continue;
        const std::int64_t d = ulps_apart(portable_exp(x), expected);
        if (d > worst) {
            worst = d;
            worst_at = x;
        }
    }
    CAPTURE(worst_at);
    CHECK(worst <= 1);
}

TEST_CASE("portable_exp gets the special values right", "[portable-math]") {
    CHECK(portable_exp(0.0) == 1.0);
    CHECK(portable_exp(-0.0) == 1.0);
    CHECK(ulps_apart(portable_exp(1.0), 2.718281828459045) <= 1);
    CHECK(ulps_apart(portable_exp(-1.0), 0.36787944117144233) <= 1);
    CHECK(std::isnan(portable_exp(std::numeric_limits<double>::quiet_NaN())));
    CHECK(portable_exp(710.0) == std::numeric_limits<double>::infinity());
    CHECK(portable_exp(std::numeric_limits<double>::infinity()) == std::numeric_limits<double>::infinity());
    CHECK(portable_exp(-746.0) == 0.0);
    CHECK(portable_exp(-std::numeric_limits<double>::infinity()) == 0.0);
    CHECK(std::isfinite(portable_exp(709.78)));
    CHECK(ulps_apart(portable_exp(709.78), std::exp(709.78)) <= 1);
    CHECK(portable_exp(-740.0) > 0.0);  // subnormal, not flushed to zero
}

TEST_CASE("the array form of portable_exp gives exactly the scalar results", "[portable-math]") {
    Xoshiro256pp g = path_stream(7, 1);
    std::vector<double> x(1001), out(1001);
    for (double& v : x) v = -30.0 + 60.0 * g.uniform();
    portable_exp(x.data(), out.data(), x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (out[i] != portable_exp(x[i])) FAIL("x = " << x[i]);
    }
}

TEST_CASE("portable_log is within one ulp of std::log, subnormals included", "[portable-math]") {
    Xoshiro256pp g = path_stream(2024, 1);
    std::int64_t worst = 0;
    double worst_at = 0;
    for (int i = 0; i < 2000000; ++i) {
        double x;
        switch (i % 3) {
            case 0: x = std::ldexp(0.5 + 0.5 * g.uniform(), static_cast<int>(g.next() % 2098) - 1073); break;
            case 1: x = 1.0 + (g.uniform() - 0.5) * 1e-3; break;  // near 1, where log is near 0
            default: x = g.uniform_positive(); break;             // what the ziggurat's tail takes the log of
        }
        const double expected = std::log(x);
        if (expected == 0) {
            CHECK(portable_log(x) == 0.0);
            continue;
        }
        const std::int64_t d = ulps_apart(portable_log(x), expected);
        if (d > worst) {
            worst = d;
            worst_at = x;
        }
    }
    CAPTURE(worst_at);
    CHECK(worst <= 1);
}

TEST_CASE("portable_log gets the special values right", "[portable-math]") {
    CHECK(portable_log(1.0) == 0.0);
    CHECK(ulps_apart(portable_log(2.0), 0.6931471805599453) <= 1);
    CHECK(ulps_apart(portable_log(0x1.0p-53), -36.7368005696771) <= 1);
    CHECK(portable_log(0.0) == -std::numeric_limits<double>::infinity());
    CHECK(std::isnan(portable_log(-1.0)));
    CHECK(std::isnan(portable_log(std::numeric_limits<double>::quiet_NaN())));
    CHECK(portable_log(std::numeric_limits<double>::infinity()) == std::numeric_limits<double>::infinity());
    CHECK(ulps_apart(portable_log(std::numeric_limits<double>::denorm_min()), -744.4400719213812) <= 1);
}
