#pragma once

namespace gputco {

// The engine's version, from the CMake project version.
const char* version();

}  // namespace gputco
