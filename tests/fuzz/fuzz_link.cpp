// libFuzzer target: the link checks of entry.hpp on every input.
#include <cstddef>
#include <cstdint>

#include "entry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gputco::fuzz::check_link_input(data, size);
    return 0;
}
