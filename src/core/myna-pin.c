/* myna-pin.c — being written */
#include "config.h"
#include "myna-pin.h"
