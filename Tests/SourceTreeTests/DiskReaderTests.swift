import Foundation
import Testing
@testable import SourceTree

@Suite struct DiskReaderTests {
    @Test func aFileSwappedForALinkAfterListingIsNotFollowed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let root = try Fixture.build(in: scratch)
        let tree = try SourceTree.workingDirectory(at: root)
        let file = root + "/apps/base/deployment.yaml"
        try FileManager.default.removeItem(atPath: file)
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: scratch.path + "/outside.yaml")

        for path in ["apps/base/deployment.yaml", "linked-file.yaml", "linked-dir/deployment.yaml"] {
            #expect(throws: SourceTreeError.self) { try tree.contents(of: path) }
        }
    }

    @Test func aDirectorySwappedForALinkAfterListingIsNotFollowed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("repo/apps/a.yaml", "a: 1\n")
        try scratch.write("elsewhere/a.yaml", Fixture.secret)
        let tree = try SourceTree.workingDirectory(at: scratch.path + "/repo")
        try FileManager.default.removeItem(atPath: scratch.path + "/repo/apps")
        try scratch.link("repo/apps", to: scratch.path + "/elsewhere")

        #expect(throws: SourceTreeError.self) { try tree.contents(of: "apps/a.yaml") }
    }

    @Test func readsEmptyAndOrdinaryFiles() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("empty.yaml", "")
        try scratch.write("data.yaml", "k: v\n")
        let reader = DiskReader(root: scratch.path, realPaths: ["empty.yaml": "empty.yaml", "alias.yaml": "data.yaml"])

        #expect(try reader.contents(of: "empty.yaml") == [])
        #expect(try reader.contents(of: "alias.yaml") == Array("k: v\n".utf8))
        #expect(throws: SourceTreeError.notFound("data.yaml")) { try reader.contents(of: "data.yaml") }
    }
}
