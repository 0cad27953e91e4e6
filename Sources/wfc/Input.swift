import CSupport
import WFCCore

/// The topology files the one-shot commands (lint, build, probe) read.
enum Input {
    /// Reads a file as `FileSystem.readInput` does. Past 64 KiB (some 700 nodes) the heap is
    /// readied first for what the file will grow into: 128 bytes per byte read, above the
    /// 90 to 110 a 10,000-node lint (845 KB) was measured to use at its peak. Only address
    /// space: a page is backed when it is first touched.
    static func read(_ path: String) -> [UInt8]? {
        guard let bytes = FileSystem.readInput(path) else { return nil }
        if bytes.count > 64 << 10 { wfc_expect_heap(bytes.count * 128) }
        return bytes
    }
}
