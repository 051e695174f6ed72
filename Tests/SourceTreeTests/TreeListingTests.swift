import Diagnostics
import Testing
@testable import SourceTree

@Suite struct TreeListingTests {
    /// `d0` holds `f`; every `dN` holds links named by `names` pointing at `d(N-1)`.
    private func ladder(levels: Int, names: [String]) -> RawTree {
        var tree = RawTree(entries: ["d0": .directory(["f"]), "d0/f": .file])
        for level in 1...levels {
            tree.entries["d\(level)"] = .directory(names)
            for name in names { tree.entries["d\(level)/\(name)"] = .symlink("../d\(level - 1)") }
        }
        tree.entries[""] = .directory((0...levels).map { "d\($0)" }.sorted())
        return tree
    }

    @Test func directoryLinksNestAtMostSixteenDeep() {
        let listing = ladder(levels: 17, names: ["l"]).list(excluding: [])
        let deepest = "d16/" + Array(repeating: "l/", count: 16).joined() + "f"
        let tooDeep = "d17/" + Array(repeating: "l", count: 17).joined(separator: "/")

        #expect(listing.files[deepest] == "d0/f")
        #expect(!listing.files.keys.contains { $0.hasPrefix("d17/") })
        #expect(listing.diagnostics.map(\.location.file) == [tooDeep])
        #expect(listing.diagnostics.first?.message.contains("nested directory links") == true)
    }

    @Test func fanOutThroughLinksIsBoundedWithoutLosingRealFiles() {
        let listing = ladder(levels: 24, names: ["a", "b"]).list(excluding: [])
        let capped = listing.diagnostics.filter { $0.message.contains("entries are reachable through directory symbolic links") }

        #expect(capped.count == 1)
        #expect(listing.files.count <= Limits.maxEntriesThroughLinks + 1)
        #expect(listing.files["d0/f"] == "d0/f")
        // One finding per real link that is too deep (d1/a, d1/b), plus the budget notice.
        #expect(listing.diagnostics.count == 3)
    }

    @Test func linksBetweenSiblingsStopWhereTheyWouldLoop() {
        let tree = RawTree(entries: [
            "": .directory(["a", "b"]),
            "a": .directory(["c", "x.yaml"]),
            "a/x.yaml": .file,
            "a/c": .symlink("../b"),
            "b": .symlink("a"),
        ])
        let listing = tree.list(excluding: [])

        #expect(listing.files == ["a/x.yaml": "a/x.yaml", "b/x.yaml": "a/x.yaml"])
        #expect(listing.diagnostics.map(\.location.file) == ["b/c", "a/c"])
        #expect(listing.diagnostics.allSatisfy { $0.rule == .fileUnreadable && $0.message.contains("loop") })
    }

    @Test func exclusionsApplyToListedPathsAndDirectoryOnlyPatterns() {
        let tree = RawTree(entries: [
            "": .directory(["build", "keep.yaml", "link"]),
            "build": .directory(["out.yaml", "bad"]),
            "build/out.yaml": .file,
            "build/bad": .symlink("/etc/shadow"),
            "keep.yaml": .file,
            "link": .symlink("build"),
        ])
        let listing = tree.list(excluding: [PathGlob("build/")])

        #expect(listing.files == ["keep.yaml": "keep.yaml", "link/out.yaml": "build/out.yaml"])
        #expect(listing.diagnostics.map(\.location.file) == ["link/bad"])
        #expect(listing.diagnostics.first?.rule == .symlinkEscape)
    }

    @Test func unreadableEntriesAreReportedNotListed() {
        let tree = RawTree(entries: ["": .directory(["gone"]), "gone": .unreadable("Input/output error")])
        let listing = tree.list(excluding: [])

        #expect(listing.files.isEmpty)
        #expect(listing.diagnostics.map(\.message) == ["cannot read 'gone': Input/output error"])
    }
}
