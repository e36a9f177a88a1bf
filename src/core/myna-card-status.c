/* myna-card-status.c — being written */
#include "config.h"
#include "myna-card-status.h"
