// The simulation's random numbers (random.hpp): the generators against
// published outputs, the independence of path streams, and the ziggurat's
// normal draws against the normal distribution.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "gputco/random.hpp"

using namespace gputco;
using Catch::Matchers::WithinRel;

namespace {

double normal_tail(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }  // P(Z > z)

// |count - n p| within `sigmas` binomial standard deviations.
bool count_plausible(double count, double n, double p, double sigmas = 5) {
    return std::fabs(count - n * p) <= sigmas * std::sqrt(n * p * (1 - p));
}

}  // namespace

TEST_CASE("xoshiro256++ gives the reference implementation's outputs", "[random]") {
    // The reference C code (prng.di.unimi.it/xoshiro256plusplus.c) started from
    // the state {0, 0, 0, 1}: the first output is rotl(0 + 1, 23) + 0 = 2^23.
    Xoshiro256pp g = Xoshiro256pp::with_state(0, 0, 0, 1);
    const std::uint64_t expected[] = {0x0000000000800000ull, 0x0000000000800011ull, 0x0002200000800011ull,
                                      0x0002200044000020ull, 0x00022000448008A1ull, 0x01102100802208A0ull,
                                      0x0114002284200880ull, 0x0402896644A64095ull, 0x8A14A0A244ACC891ull,
                                      0x8C88BA4680B20495ull};
    for (std::uint64_t e : expected) CHECK(g.next() == e);
}

TEST_CASE("SplitMix64 gives the reference implementation's outputs", "[random]") {
    std::uint64_t state = 0;
    CHECK(splitmix64(state) == 0xE220A8397B1DCDAFull);
    CHECK(splitmix64(state) == 0x6E789E6AA1B965F4ull);
    CHECK(splitmix64(state) == 0x06C45D188009454Full);
}

TEST_CASE("a path's stream depends on the seed and the path index alone", "[random]") {
    const auto first_outputs = [](std::uint64_t seed, std::uint64_t path) {
        Xoshiro256pp g = path_stream(seed, path);
        std::vector<std::uint64_t> out;
        for (int i = 0; i < 8; ++i) out.push_back(g.next());
        return out;
    };
    CHECK(first_outputs(1, 5) == first_outputs(1, 5));
    CHECK(first_outputs(1, 5) != first_outputs(1, 6));
    CHECK(first_outputs(1, 5) != first_outputs(2, 5));
    CHECK(first_outputs(0, 0) != first_outputs(1, 0));
    // Path p takes SplitMix64 outputs 4p+1 .. 4p+4 of the sequence from SplitMix64(seed).
    std::uint64_t start = 77;
    start = splitmix64(start);
    std::uint64_t state = start + 4 * 3 * 0x9E3779B97F4A7C15ull;
    const std::uint64_t w0 = splitmix64(state);
    const std::uint64_t w1 = splitmix64(state);
    const std::uint64_t w2 = splitmix64(state);
    const std::uint64_t w3 = splitmix64(state);
    Xoshiro256pp a = Xoshiro256pp::with_state(w0, w1, w2, w3);
    Xoshiro256pp b = path_stream(77, 3);
    for (int i = 0; i < 8; ++i) CHECK(a.next() == b.next());
}

TEST_CASE("uniform draws lie in [0, 1) and (0, 1]", "[random]") {
    Xoshiro256pp g = path_stream(3, 0);
    double low = 1, high = 0;
    for (int i = 0; i < 100000; ++i) {
        const double u = g.uniform();
        const double v = g.uniform_positive();
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        REQUIRE(v > 0.0);
        REQUIRE(v <= 1.0);
        low = std::fmin(low, u);
        high = std::fmax(high, u);
    }
    CHECK(low < 1e-4);
    CHECK(high > 1 - 1e-4);
}

TEST_CASE("the ziggurat's 256 layers each have the same area v and close at the top", "[random][normal]") {
    const StandardNormal& n = standard_normal();
    const double* x = n.x();
    const double* f = n.f();
    const double r = StandardNormal::r, v = StandardNormal::v;
    // The base layer: the rectangle [0, r] x [0, f(r)] plus the tail beyond r.
    CHECK_THAT(r * std::exp(-0.5 * r * r) + std::sqrt(std::acos(-1.0) / 2) * std::erfc(r / std::sqrt(2.0)), WithinRel(v, 1e-12));
    CHECK(x[1] == r);
    CHECK_THAT(x[0] * f[1], WithinRel(v, 1e-15));
    CHECK(x[256] == 0.0);
    CHECK(f[256] == 1.0);
    for (int i = 1; i < 256; ++i) {
        CAPTURE(i);
        REQUIRE(x[i + 1] < x[i]);
        CHECK_THAT(f[i], WithinRel(std::exp(-0.5 * x[i] * x[i]), 1e-14));
        CHECK_THAT(x[i] * (f[i + 1] - f[i]), WithinRel(v, 1e-9));  // the top layer closes at f(0) = 1
    }
}

TEST_CASE("normal draws have the normal's moments, tails and shape", "[random][normal]") {
    const StandardNormal& normal = standard_normal();
    Xoshiro256pp g = path_stream(12345, 0);
    const int n = 4000000;
    const double dn = n;
    double sum = 0, squares = 0, cubes = 0, fourths = 0;
    double negative = 0, beyond2 = 0, beyond3 = 0, beyond_r = 0, below_minus_r = 0;
    const int bins = 80;  // width 0.1 on [-4, 4], plus one bin for each tail
    std::vector<double> counts(bins + 2, 0.0);
    for (int i = 0; i < n; ++i) {
        const double z = normal(g);
        sum += z;
        squares += z * z;
        cubes += z * z * z;
        fourths += z * z * z * z;
        negative += z < 0;
        beyond2 += std::fabs(z) > 2;
        beyond3 += std::fabs(z) > 3;
        beyond_r += z > StandardNormal::r;
        below_minus_r += z < -StandardNormal::r;
        const int bin = z < -4 ? 0 : z >= 4 ? bins + 1 : 1 + std::min(bins - 1, static_cast<int>((z + 4) * 10));
        counts[static_cast<std::size_t>(bin)] += 1;
    }
    const double mean = sum / dn;
    const double variance = squares / dn - mean * mean;
    CHECK(std::fabs(mean) < 5 / std::sqrt(dn));
    CHECK(std::fabs(variance - 1) < 5 * std::sqrt(2 / dn));
    CHECK(std::fabs(cubes / dn) < 5 * std::sqrt(15 / dn));        // skewness 0 (variance of z^3 is 15)
    CHECK(std::fabs(fourths / dn - 3) < 5 * std::sqrt(96 / dn));  // kurtosis 3 (variance of z^4 is 96)
    CHECK(count_plausible(negative, dn, 0.5));
    CHECK(count_plausible(beyond2, dn, 2 * normal_tail(2)));
    CHECK(count_plausible(beyond3, dn, 2 * normal_tail(3)));
    // Beyond r the draws come from the separate tail method: it must be right too.
    CHECK(count_plausible(beyond_r, dn, normal_tail(StandardNormal::r)));
    CHECK(count_plausible(below_minus_r, dn, normal_tail(StandardNormal::r)));

    // Pearson's chi-square over 82 bins (81 degrees of freedom: mean 81, sd 12.7).
    double chi_square = 0;
    for (int b = 0; b < bins + 2; ++b) {
        const double lo = b == 0 ? -INFINITY : -4 + 0.1 * (b - 1);
        const double hi = b == bins + 1 ? INFINITY : -4 + 0.1 * b;
        const double p = normal_tail(lo) - normal_tail(hi);
        const double expected = dn * p;
        chi_square += (counts[static_cast<std::size_t>(b)] - expected) * (counts[static_cast<std::size_t>(b)] - expected) / expected;
    }
    CAPTURE(chi_square);
    CHECK(chi_square < 81 + 6 * std::sqrt(2 * 81.0));
}

TEST_CASE("successive normal draws are uncorrelated", "[random][normal]") {
    const StandardNormal& normal = standard_normal();
    Xoshiro256pp g = path_stream(99, 4);
    const int n = 1000000;
    double previous = normal(g), products = 0;
    for (int i = 0; i < n; ++i) {
        const double z = normal(g);
        products += z * previous;
        previous = z;
    }
    CHECK(std::fabs(products / n) < 5 / std::sqrt(static_cast<double>(n)));
}
