#include "CSupport.h"

// Set by Package.swift from WFC_COMMIT or the checkout's .git/HEAD; "unknown" elsewhere
// (a source tarball).
#ifndef WFC_COMMIT
#define WFC_COMMIT "unknown"
#endif

const char *wfc_commit(void) { return WFC_COMMIT; }
