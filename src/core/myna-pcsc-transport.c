/* myna-pcsc-transport.c — being written */
#include "config.h"
#include "myna-pcsc-transport.h"
