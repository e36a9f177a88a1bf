/* myna-error.c — being written */
#include "config.h"
#include "myna-error.h"
