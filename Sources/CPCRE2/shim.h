#ifndef CPCRE2_SHIM_H
#define CPCRE2_SHIM_H
/* systemLibrary targets take no cSettings, so the code-unit width is fixed here. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif
