/// Bounds that keep hostile or accidental input (huge files, link cycles, link fan-out) from
/// exhausting memory or time. Both tree modes share them, so they agree at the limits too.
enum Limits {
    /// Larger files are listed but refuse to be read: no manifest is this big, and reading
    /// one into memory per task could exhaust the machine.
    static let maxFileSize = 64 << 20
    static let maxFileSizeReason = "larger than 64 MiB"

    /// Links expanded while resolving one target, as the kernel's ELOOP limit does.
    static let maxLinkHops = 40

    /// Directory links followed within one chain of directories.
    static let maxLinkDepth = 16

    /// Entries (files, directories, links) visited beneath directory links: links to
    /// directories full of links can multiply the walk exponentially. Real entries reached
    /// without a directory link are never capped.
    static let maxEntriesThroughLinks = 100_000
}
