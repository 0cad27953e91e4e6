#define _GNU_SOURCE
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include "CSupport.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int wfc_exchange_paths(const char *a, const char *b) {
#if defined(__linux__)
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

/* One entry of a folder, by name relative to the folder's descriptor: a file or a link is
   unlinked (unlinkat never follows a link), a folder is opened with O_NOFOLLOW and emptied
   through its own descriptor. Nothing is ever looked up by a path that a link swapped in
   meanwhile could redirect outside the tree. */
static int remove_at(int dirfd, const char *name) {
    if (unlinkat(dirfd, name, 0) == 0) return 0;
    if (errno == ENOENT) return 0;
    if (errno != EISDIR && errno != EPERM) return -1;
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return -1;
    DIR *dir = fdopendir(fd);
    if (!dir) { close(fd); return -1; }
    int rc = 0, removed;
    /* Passes until a pass finds nothing left: readdir need not list entries removed during it. */
    do {
        removed = 0;
        rewinddir(dir);
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
            if (remove_at(fd, e->d_name) == 0) removed++; else rc = -1;
        }
    } while (removed > 0 && rc == 0);
    closedir(dir);
    if (unlinkat(dirfd, name, AT_REMOVEDIR) != 0 && errno != ENOENT) rc = -1;
    return rc;
}

int wfc_remove_tree(const char *path) {
    return remove_at(AT_FDCWD, path);
}
