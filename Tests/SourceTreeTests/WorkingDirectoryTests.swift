import Diagnostics
import Foundation
import Testing
@testable import SourceTree

@Suite struct WorkingDirectoryTests {
    @Test func listsFilesDirectoriesAndLinksInsideTheRoot() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let root = try Fixture.build(in: scratch)
        try scratch.write("repo/.git/config", "[core]\n")

        let tree = try SourceTree.workingDirectory(at: root)

        #expect(tree.files == Fixture.files)
        #expect(tree.directories == Fixture.directories)
        #expect(tree.commit == nil)
        #expect(tree.origin == root)
        #expect(tree.isFile("linked-dir/deployment.yaml"))
        #expect(tree.isDirectory("linked-dir"))
        #expect(!tree.exists(".git/config"))
        #expect(try tree.contents(of: "linked-file.yaml") == Array(Fixture.deployment.utf8))
        #expect(try tree.contents(of: "linked-dir/deployment.yaml") == Array(Fixture.deployment.utf8))
    }

    @Test func reportsEscapingDanglingAndLoopingLinks() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let tree = try SourceTree.workingDirectory(at: Fixture.build(in: scratch))

        #expect(tree.diagnostics.map { [$0.location.file, $0.rule.rawValue] } == Fixture.findings.map { [$0.0, $0.1] })
        #expect(tree.diagnostics.allSatisfy { $0.location.line == 1 && $0.location.column == 1 })
        let passwd = try #require(tree.diagnostics.first { $0.location.file == "passwd" })
        #expect(passwd.message.contains("/etc/passwd"))
        #expect(passwd.severity == .error)
        let dangling = try #require(tree.diagnostics.first { $0.location.file == "dangling.yaml" })
        #expect(dangling.message.contains("does not exist"))
    }

    @Test func neverReadsOrQuotesContentOutsideTheRoot() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let tree = try SourceTree.workingDirectory(at: Fixture.build(in: scratch))

        #expect(throws: SourceTreeError.notFound("passwd")) { try tree.contents(of: "passwd") }
        #expect(throws: SourceTreeError.notFound("escape.yaml")) { try tree.contents(of: "escape.yaml") }
        #expect(!tree.exists("passwd"))
        for diagnostic in tree.diagnostics {
            #expect(!diagnostic.message.contains(Fixture.secret))
            #expect(!diagnostic.message.contains("root:x:"))
        }
    }

    @Test func appliesExclusionGlobs() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let root = try Fixture.build(in: scratch)

        let tree = try SourceTree.workingDirectory(at: root, excluding: ["*.md", "apps/prod", "linked-*", "passwd"])

        #expect(tree.files == ["apps/base/deployment.yaml", "apps/base/kustomization.yaml"])
        #expect(!tree.isDirectory("apps/prod"))
        #expect(!tree.diagnostics.contains { $0.location.file == "passwd" })
        #expect(tree.diagnostics.contains { $0.location.file == "escape.yaml" })
    }

    @Test func listsButRefusesToReadFilesOver64MiB() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("big.yaml", "")
        let handle = try FileHandle(forWritingTo: scratch.url.appendingPathComponent("big.yaml"))
        try handle.truncate(atOffset: UInt64(64 << 20) + 1)
        try handle.close()

        let tree = try SourceTree.workingDirectory(at: scratch.path)

        #expect(tree.files == ["big.yaml"])
        #expect(throws: SourceTreeError.unreadable("big.yaml", reason: "larger than 64 MiB")) {
            try tree.contents(of: "big.yaml")
        }
    }

    @Test func skipsNestedRepositories() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("main.yaml", "a: 1\n")
        try scratch.write("vendor/other/.git", "gitdir: ../../.git/modules/other\n")
        try scratch.write("vendor/other/chart.yaml", "b: 2\n")

        let tree = try SourceTree.workingDirectory(at: scratch.path)

        #expect(tree.files == ["main.yaml"])
    }

    @Test func missingRootThrows() {
        #expect(throws: SourceTreeError.self) {
            try SourceTree.workingDirectory(at: "/nonexistent/shipshape-\(UUID().uuidString)")
        }
    }

    @Test(.enabled(if: getuid() != 0, "root can read every directory"))
    func unreadableDirectoryIsADiagnostic() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("locked/a.yaml", "a: 1\n")
        try scratch.write("open.yaml", "b: 2\n")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: scratch.path + "/locked")
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch.path + "/locked") }

        let tree = try SourceTree.workingDirectory(at: scratch.path)

        #expect(tree.files == ["open.yaml"])
        #expect(tree.diagnostics.map(\.rule) == [.fileUnreadable])
        #expect(tree.diagnostics.first?.location.file == "locked")
    }

    @Test func readsConcurrently() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let tree = try SourceTree.workingDirectory(at: Fixture.build(in: scratch))

        let sizes = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                for file in tree.files {
                    group.addTask { (try? tree.contents(of: file).count) ?? -1 }
                }
            }
            return await group.reduce(0, +)
        }
        var expected = 0
        for file in tree.files { expected += try tree.contents(of: file).count }
        #expect(sizes == expected * 8)
    }
}
