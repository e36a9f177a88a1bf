/* myna-reader-monitor.c — being written */
#include "config.h"
#include "myna-reader-monitor.h"
