#ifndef BRIEFINGS_CLIBICAL_SHIM_H
#define BRIEFINGS_CLIBICAL_SHIM_H
#include <libical/ical.h>
#endif
