/* myna-card-worker.c — being written */
#include "config.h"
#include "myna-card-worker.h"
