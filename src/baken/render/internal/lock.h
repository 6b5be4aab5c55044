// The one lock around everything that touches fontconfig, pango or cairo fonts (see canvas.h).
#pragma once

#include <mutex>

namespace baken::render::internal {

std::recursive_mutex& RenderMutex();

}  // namespace baken::render::internal
