#include "config.h"
#include "myna-virtual-transport.h"
