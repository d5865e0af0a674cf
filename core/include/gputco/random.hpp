// Random numbers for the Monte Carlo simulation (§7): a fast, well-tested
// generator and an exact standard normal method, both written from their
// published descriptions and computed with IEEE basic operations only, so that
// every build (native, WebAssembly) draws exactly the same numbers.
//
// - Generator: xoshiro256++ (D. Blackman and S. Vigna, "Scrambled linear
//   pseudorandom number generators", ACM TOMS 47(4), 2021), 256 bits of state,
//   seeded from SplitMix64 (G. Steele, D. Lea and C. Flood, "Fast splittable
//   pseudorandom number generators", OOPSLA 2014) as its authors recommend.
// - Streams: each simulated path has its own generator, determined by the seed
//   and the path's index alone, so results do not depend on how the paths are
//   split into chunks. Path p of seed S takes the 4p+1-th to 4p+4-th outputs of
//   the SplitMix64 sequence that starts at SplitMix64(S), as its four words.
// - Normal: the ziggurat method with 256 layers (G. Marsaglia and W. W. Tsang,
//   "The ziggurat method for generating random variables", J. Stat. Softw. 5(8),
//   2000), drawing the layer, the sign and the abscissa from separate bits of one
//   64-bit output (J. A. Doornik, "An improved ziggurat method to generate normal
//   random samples", 2005), and Marsaglia's exact method for the tail beyond r.
#pragma once

#include <cstdint>

namespace gputco {

// One step of SplitMix64: advances `state` and returns the next output.
std::uint64_t splitmix64(std::uint64_t& state) noexcept;

class Xoshiro256pp {
public:
    // The four state words are the next four outputs of SplitMix64 from `splitmix_state`.
    explicit Xoshiro256pp(std::uint64_t splitmix_state) noexcept;
    // A generator with exactly this state (not all zero), for known-answer tests.
    static Xoshiro256pp with_state(std::uint64_t s0, std::uint64_t s1, std::uint64_t s2, std::uint64_t s3) noexcept {
        Xoshiro256pp g(0);
        g.s_[0] = s0;
        g.s_[1] = s1;
        g.s_[2] = s2;
        g.s_[3] = s3;
        return g;
    }

    std::uint64_t next() noexcept {
        const std::uint64_t result = rotate_left(s_[0] + s_[3], 23) + s_[0];
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotate_left(s_[3], 45);
        return result;
    }

    // Uniform on [0, 1), in steps of 2^-53.
    double uniform() noexcept { return static_cast<double>(static_cast<std::int64_t>(next() >> 11)) * 0x1.0p-53; }
    // Uniform on (0, 1], in steps of 2^-53: safe to take the logarithm of.
    double uniform_positive() noexcept {
        return static_cast<double>(static_cast<std::int64_t>((next() >> 11) + 1)) * 0x1.0p-53;
    }

private:
    static std::uint64_t rotate_left(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4];
};

// The generator of path `path` of a simulation seeded with `seed`.
Xoshiro256pp path_stream(std::uint64_t seed, std::uint64_t path) noexcept;

// Standard normal draws (mean 0, variance 1) by the 256-layer ziggurat.
class StandardNormal {
public:
    StandardNormal();
    double operator()(Xoshiro256pp& generator) const noexcept {
        for (;;) {
            const std::uint64_t bits = generator.next();
            const unsigned layer = static_cast<unsigned>(bits & 0xFF);
            const double sign = signs_[(bits >> 8) & 1];  // a product, not a branch: the sign is a coin toss
            const double x = static_cast<double>(static_cast<std::int64_t>(bits >> 11)) * 0x1.0p-53 * x_[layer];
            if (x < x_[layer + 1]) return sign * x;  // inside the rectangle: ~99 % of draws
            // The generator goes to the rare cases by value and comes back, so
            // that its state can stay in registers on the common path.
            const Rare rare = rare_draw(generator, layer, x);
            generator = rare.generator;
            if (rare.z >= 0) return sign * rare.z;
        }
    }

    // The tables, for tests: x[0] = v / f(r), x[1] = r, ..., x[256] = 0, and f(x[i]).
    static constexpr int layers = 256;
    static constexpr double r = 3.6541528853610088;            // where the tail starts
    static constexpr double v = 4.9286732339746553e-03;        // the area of each layer
    const double* x() const { return x_; }
    const double* f() const { return f_; }

private:
    struct Rare {
        double z;  // a draw, or -1 to start again
        Xoshiro256pp generator;
    };
    // The base layer's tail or a wedge.
    Rare rare_draw(Xoshiro256pp generator, unsigned layer, double x) const noexcept;

    double x_[layers + 1];
    double f_[layers + 1];  // exp(-x^2 / 2) at each x
    static constexpr double signs_[2] = {1.0, -1.0};
};

// One shared, immutable set of tables.
const StandardNormal& standard_normal() noexcept;

}  // namespace gputco
