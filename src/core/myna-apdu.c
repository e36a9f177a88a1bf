/* myna-apdu.c — being written */
#include "config.h"
#include "myna-apdu.h"
