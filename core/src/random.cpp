#include "gputco/random.hpp"

#include <cmath>

#include "gputco/portable_math.hpp"

namespace gputco {

namespace {
constexpr std::uint64_t golden_gamma = 0x9E3779B97F4A7C15ull;

double density(double x) { return portable_exp(-0.5 * x * x); }  // the normal density without its constant
}  // namespace

std::uint64_t splitmix64(std::uint64_t& state) noexcept {
    state += golden_gamma;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

Xoshiro256pp::Xoshiro256pp(std::uint64_t splitmix_state) noexcept {
    for (std::uint64_t& word : s_) word = splitmix64(splitmix_state);
}

Xoshiro256pp path_stream(std::uint64_t seed, std::uint64_t path) noexcept {
    std::uint64_t start = seed;
    start = splitmix64(start);  // a well-mixed starting point: nearby seeds give unrelated sequences
    return Xoshiro256pp(start + 4 * path * golden_gamma);
}

StandardNormal::StandardNormal() {
    // Layer i (i >= 1) is the rectangle of width x[i] between heights f(x[i])
    // and f(x[i + 1]); every layer has area v. The base layer is the rectangle
    // [0, r] x [0, f(r)] plus the tail beyond r, of the same area v, drawn as a
    // rectangle of width v / f(r).
    x_[0] = v / density(r);
    x_[1] = r;
    for (int i = 1; i < layers - 1; ++i) x_[i + 1] = std::sqrt(-2.0 * portable_log(v / x_[i] + density(x_[i])));
    x_[layers] = 0;
    for (int i = 0; i < layers; ++i) f_[i] = density(x_[i]);
    f_[layers] = 1;
}

StandardNormal::Rare StandardNormal::rare_draw(Xoshiro256pp generator, unsigned layer, double x) const noexcept {
    if (layer == 0) {
        // The tail beyond r (Marsaglia 1964): exact, accepts ~94 % of tries at r = 3.65.
        for (;;) {
            const double a = -portable_log(generator.uniform_positive()) / r;
            const double b = -portable_log(generator.uniform_positive());
            if (b + b >= a * a) return {r + a, generator};
        }
    }
    // A wedge: accept x if a uniform height in the layer lies under the curve.
    const double y = f_[layer] + generator.uniform() * (f_[layer + 1] - f_[layer]);
    return {y < density(x) ? x : -1.0, generator};
}

const StandardNormal& standard_normal() noexcept {
    static const StandardNormal tables;
    return tables;
}

}  // namespace gputco
