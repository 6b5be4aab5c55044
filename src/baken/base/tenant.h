// The default tenant: the municipality a command, a sign-in or a new record belongs to when none
// is given.
//
// A tenant is a municipality, named by its CBS code ("GM" and four digits). Baken was built for
// Groningen (GM0014); every default in the code base names this one constant, so an installation
// for another municipality changes one line, and tests that need "the" municipality say so.
#pragma once

namespace baken {

// CBS code of Groningen, the municipality used when no tenant is given.
inline constexpr char kDefaultTenant[] = "GM0014";

}  // namespace baken
