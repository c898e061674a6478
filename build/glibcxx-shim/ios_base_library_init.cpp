// GCC 13's <iostream> makes every object that includes it reference std::ios_base_library_init()
// (versioned GLIBCXX_3.4.32) so that it links against a libstdc++ that initializes the standard
// streams itself. Older libstdc++ (Debian 12: 3.4.30) lacks the symbol. This library supplies it and
// initializes the streams the old way, which is what the marker stands for.
#include <ios>

namespace std {
__attribute__((visibility("default"))) void ios_base_library_init() {}
}

static std::ios_base::Init byol_iostream_init;
