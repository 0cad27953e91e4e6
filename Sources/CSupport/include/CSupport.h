#ifndef WFC_CSUPPORT_H
#define WFC_CSUPPORT_H

#include <stddef.h>

/// Atomically swaps two paths (Linux renameat2 with RENAME_EXCHANGE). Returns 0, or -1
/// with errno set (ENOSYS or EINVAL where the kernel or file system cannot).
int wfc_exchange_paths(const char *a, const char *b);

/// Removes a file or a folder with everything in it, never following symbolic links
/// (`rm -rf`). Returns 0 when the path is gone.
int wfc_remove_tree(const char *path);

/// For a command that runs once and exits: glibc's allocator keeps a freed block for the next
/// allocation instead of handing it back to the kernel (a large block is otherwise mapped
/// afresh for each array that grows, and the heap's top is trimmed on free), so each page is
/// faulted in once.
void wfc_keep_freed_pages(void);

/// For a one-shot command about to read a large input: readies `bytes` of heap at once and
/// asks the kernel to back it with transparent huge pages. A 10,000-node lint otherwise
/// takes 20,000 page faults, a fifth of its time. Call after `wfc_keep_freed_pages`.
void wfc_expect_heap(size_t bytes);

/// The commit wfc was built from (`git rev-parse HEAD` at build time), or "unknown".
const char *wfc_commit(void);

#endif
