#include <malloc.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#include "CSupport.h"

void wfc_keep_freed_pages(void) {
    // glibc caps the threshold at 32 MiB on 64-bit machines: a block above it is still mapped.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 0x7fffffff);
}

void wfc_expect_heap(size_t bytes) {
    // Every block from the one heap (none mapped on its own), so that all of it lies in the
    // region advised below.
    mallopt(M_MMAP_MAX, 0);
    // Grow the heap once by the whole amount, then give the block back: it joins the heap's
    // free top (never trimmed, see above), where the allocations that follow are carved.
    void *block = malloc(bytes);
    if (!block) {
        // Refused (a data or commit limit): blocks may be mapped on their own again, as glibc
        // has them by default.
        mallopt(M_MMAP_MAX, 65536);
        return;
    }
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t start = ((uintptr_t)block + page - 1) & ~(page - 1);
    uintptr_t end = ((uintptr_t)block + bytes) & ~(page - 1);
    // The kernel then backs it with huge pages as it is touched: one fault per 2 MiB instead
    // of one per 4 KiB. Only advice: without transparent huge pages nothing changes.
    if (end > start) madvise((void *)start, end - start, MADV_HUGEPAGE);
    free(block);
}
