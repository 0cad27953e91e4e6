#include <malloc.h>
#include "CSupport.h"

void wfc_keep_freed_pages(void) {
    // glibc caps the threshold at 32 MiB on 64-bit machines: a block above it is still mapped.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 0x7fffffff);
}
