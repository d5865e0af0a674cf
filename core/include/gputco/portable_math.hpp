// exp and log from IEEE basic operations only, so that every build computes
// exactly the same bits.
//
// The Monte Carlo simulation (§7) draws its random numbers with a ziggurat and
// turns them into prices with exp. The platform's libm may differ from another
// platform's in the last digit, and in the ziggurat a last-digit difference can
// flip an accept/reject test and change every later number of a path. These
// two functions use only +, -, *, /, floor and bit manipulation, all exactly
// specified by IEEE 754, so native and WebAssembly builds draw identical paths.
// Both are accurate to about one unit in the last place (tested against std::).
#pragma once

#include <cstddef>

namespace gputco {

// e^x. Returns +inf above ~709.78, 0 below ~-745.13, NaN for NaN.
double portable_exp(double x) noexcept;

// out[i] = portable_exp(x[i]) for i < count, several times faster than one call at a time.
void portable_exp(const double* x, double* out, std::size_t count) noexcept;

// The natural logarithm of x. Returns -inf for 0, NaN for x < 0 or NaN, +inf for +inf.
double portable_log(double x) noexcept;

}  // namespace gputco
