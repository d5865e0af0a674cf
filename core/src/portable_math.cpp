#include "gputco/portable_math.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace gputco {

namespace {

// ln 2 split in two (Cody and Waite): the high part ends in 21 zero bits, so
// k * ln2_hi is exact for every exponent k a double can have.
constexpr double ln2_hi = 6.93147180369123816490e-01;
constexpr double ln2_lo = 1.90821492927058770002e-10;

// ln2 / 64 split the same way, for exp's argument reduction: n * hi is exact for |n| < 2^24.
constexpr double ln2_over_64_hi = 0x1.62e42ff000000p-7;
constexpr double ln2_over_64_lo = -0x1.718432a1b0e26p-41;
constexpr double sixty_four_over_ln2 = 92.33248261689366;

// 2^(j/64) for j = 0 .. 63, each correctly rounded (computed with 50-digit arithmetic).
constexpr double two_to_the_j_64ths[64] = {
    0x1.0000000000000p+0, 0x1.02c9a3e778061p+0, 0x1.059b0d3158574p+0, 0x1.0874518759bc8p+0,
    0x1.0b5586cf9890fp+0, 0x1.0e3ec32d3d1a2p+0, 0x1.11301d0125b51p+0, 0x1.1429aaea92de0p+0,
    0x1.172b83c7d517bp+0, 0x1.1a35beb6fcb75p+0, 0x1.1d4873168b9aap+0, 0x1.2063b88628cd6p+0,
    0x1.2387a6e756238p+0, 0x1.26b4565e27cddp+0, 0x1.29e9df51fdee1p+0, 0x1.2d285a6e4030bp+0,
    0x1.306fe0a31b715p+0, 0x1.33c08b26416ffp+0, 0x1.371a7373aa9cbp+0, 0x1.3a7db34e59ff7p+0,
    0x1.3dea64c123422p+0, 0x1.4160a21f72e2ap+0, 0x1.44e086061892dp+0, 0x1.486a2b5c13cd0p+0,
    0x1.4bfdad5362a27p+0, 0x1.4f9b2769d2ca7p+0, 0x1.5342b569d4f82p+0, 0x1.56f4736b527dap+0,
    0x1.5ab07dd485429p+0, 0x1.5e76f15ad2148p+0, 0x1.6247eb03a5585p+0, 0x1.6623882552225p+0,
    0x1.6a09e667f3bcdp+0, 0x1.6dfb23c651a2fp+0, 0x1.71f75e8ec5f74p+0, 0x1.75feb564267c9p+0,
    0x1.7a11473eb0187p+0, 0x1.7e2f336cf4e62p+0, 0x1.82589994cce13p+0, 0x1.868d99b4492edp+0,
    0x1.8ace5422aa0dbp+0, 0x1.8f1ae99157736p+0, 0x1.93737b0cdc5e5p+0, 0x1.97d829fde4e50p+0,
    0x1.9c49182a3f090p+0, 0x1.a0c667b5de565p+0, 0x1.a5503b23e255dp+0, 0x1.a9e6b5579fdbfp+0,
    0x1.ae89f995ad3adp+0, 0x1.b33a2b84f15fbp+0, 0x1.b7f76f2fb5e47p+0, 0x1.bcc1e904bc1d2p+0,
    0x1.c199bdd85529cp+0, 0x1.c67f12e57d14bp+0, 0x1.cb720dcef9069p+0, 0x1.d072d4a07897cp+0,
    0x1.d5818dcfba487p+0, 0x1.da9e603db3285p+0, 0x1.dfc97337b9b5fp+0, 0x1.e502ee78b3ff6p+0,
    0x1.ea4afa2a490dap+0, 0x1.efa1bee615a27p+0, 0x1.f50765b6e4540p+0, 0x1.fa7c1819e90d8p+0};

double from_bits(std::uint64_t bits) noexcept {
    double x;
    std::memcpy(&x, &bits, sizeof x);
    return x;
}

std::uint64_t to_bits(double x) noexcept {
    std::uint64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    return bits;
}

// 2^k for a k in the normal range [-1022, 1023].
double power_of_two(int k) noexcept { return from_bits(static_cast<std::uint64_t>(k + 1023) << 52); }

inline double exp_kernel(double x) noexcept {
    if (x != x) return x;
    if (x > 709.782712893383973096) return std::numeric_limits<double>::infinity();
    if (x < -745.133219101941108420) return 0.0;

    // Tang's table-driven method (P. T. P. Tang, "Table-driven implementation of
    // the exponential function in IEEE floating-point arithmetic", ACM TOMS
    // 15(2), 1989): x = (64 m + j) ln2/64 + r with |r| <= ln2/128, so
    // e^x = 2^m 2^(j/64) e^r. Adding and subtracting 1.5 * 2^52 rounds
    // x * 64/ln2 to the nearest whole number with one IEEE addition.
    // The low 32 bits of the sum hold that whole number, in two's complement.
    constexpr double shifter = 0x1.8p52;
    const double shifted = x * sixty_four_over_ln2 + shifter;
    const double n = shifted - shifter;
    const double r = (x - n * ln2_over_64_hi) - n * ln2_over_64_lo;
    const auto whole = static_cast<std::int32_t>(static_cast<std::uint32_t>(to_bits(shifted)));
    const std::int32_t j = whole & 63;
    const std::int32_t m = (whole - j) / 64;

    // e^r - 1 by its Taylor series to r^6 / 6!: the next term is below 3e-20 for |r| <= ln2/128.
    const double p = r + r * r * (1.0 / 2 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720)))));
    const double t = two_to_the_j_64ths[j];
    const double scaled = t + t * p;  // exactly 1 for x = 0

    if (m > 1023) return scaled * power_of_two(m - 1) * 2.0;
    if (m < -1022) return scaled * power_of_two(m + 1000) * power_of_two(-1000);  // a subnormal result
    return scaled * power_of_two(m);
}

}  // namespace

double portable_exp(double x) noexcept { return exp_kernel(x); }

void portable_exp(const double* x, double* out, std::size_t count) noexcept {
    // Independent iterations in one loop: the processor overlaps several at once.
    for (std::size_t i = 0; i < count; ++i) out[i] = exp_kernel(x[i]);
}

double portable_log(double x) noexcept {
    if (x != x || x < 0) return std::numeric_limits<double>::quiet_NaN();
    if (x == 0) return -std::numeric_limits<double>::infinity();
    if (x == std::numeric_limits<double>::infinity()) return x;

    // x = 2^e m with m in [sqrt(1/2), sqrt(2)).
    int e = 0;
    if (x < 2.2250738585072014e-308) {  // subnormal: scale into the normal range first
        x *= 18014398509481984.0;       // 2^54
        e = -54;
    }
    std::uint64_t bits = to_bits(x);
    e += static_cast<int>(bits >> 52) - 1023;
    bits = (bits & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull;  // m in [1, 2)
    double m = from_bits(bits);
    if (m > 1.41421356237309504880) {
        m *= 0.5;
        e += 1;
    }

    // log(1 + f) = f - f^2/2 + s (f^2/2 + R), with s = f / (2 + f) and
    // R = 2 s^2/3 + 2 s^4/5 + ... (the series of 2 atanh(s) = log(1 + f)).
    const double f = m - 1.0;  // exact
    const double s = f / (2.0 + f);
    const double z = s * s;  // at most 0.0295
    double series = 2.0 / 23.0;
    series = series * z + 2.0 / 21.0;
    series = series * z + 2.0 / 19.0;
    series = series * z + 2.0 / 17.0;
    series = series * z + 2.0 / 15.0;
    series = series * z + 2.0 / 13.0;
    series = series * z + 2.0 / 11.0;
    series = series * z + 2.0 / 9.0;
    series = series * z + 2.0 / 7.0;
    series = series * z + 2.0 / 5.0;
    series = series * z + 2.0 / 3.0;
    const double big_r = series * z;
    const double half_f_squared = 0.5 * f * f;
    const double de = static_cast<double>(e);
    return de * ln2_hi + (f - (half_f_squared - (s * (half_f_squared + big_r) + de * ln2_lo)));
}

}  // namespace gputco
