/* myna-certificate.c — being written */
#include "config.h"
#include "myna-certificate.h"
