/* myna-jpki.c — being written */
#include "config.h"
#include "myna-jpki.h"
