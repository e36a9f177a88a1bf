#include "config.h"
#include "myna-virtual-card.h"
