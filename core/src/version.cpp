#include "gputco/version.hpp"

#ifndef GPUTCO_VERSION
#error "GPUTCO_VERSION must be defined by the build"
#endif

namespace gputco {

const char* version() { return GPUTCO_VERSION; }

}  // namespace gputco
