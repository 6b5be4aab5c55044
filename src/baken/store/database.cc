#include "baken/store/database.h"
