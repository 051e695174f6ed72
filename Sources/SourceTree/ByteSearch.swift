#if canImport(Glibc)
import Glibc
#endif

/// Substring tests on raw file bytes, for cheap filters that run over every file of a
/// repository before anything is parsed. `memchr` and `memcmp` are many times faster than
/// the generic collection search.
public enum ByteSearch {
    public static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { needleBytes in
            haystack.withUnsafeBytes { hay in
                guard needleBytes.count <= hay.count, let base = hay.baseAddress, let pattern = needleBytes.baseAddress else {
                    return needleBytes.isEmpty
                }
                // memchr for the first byte, memcmp for the rest (memmem is not in Glibc's module map).
                let first = Int32(needleBytes[0])
                var offset = 0
                let last = hay.count - needleBytes.count
                while offset <= last {
                    guard let found = memchr(base + offset, first, last - offset + 1) else { return false }
                    let position = base.distance(to: UnsafeRawPointer(found))
                    if memcmp(base + position, pattern, needleBytes.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }

    public static func containsAny(_ haystack: [UInt8], _ needles: [String]) -> Bool {
        needles.contains { contains(haystack, $0) }
    }
}
