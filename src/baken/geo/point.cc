#include "baken/geo/point.h"
