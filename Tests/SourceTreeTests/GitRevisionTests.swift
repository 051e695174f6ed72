import Diagnostics
import Foundation
import Testing
@testable import SourceTree

@Suite struct GitRevisionTests {
    /// The fixture committed twice: the second commit changes the deployment.
    private static func repository(in scratch: Scratch) throws -> String {
        let root = try Fixture.build(in: scratch)
        try git(["init", "-q"], in: root)
        try git(["add", "-A"], in: root)
        try git(["commit", "-q", "-m", "first"], in: root)
        try git(["tag", "v1"], in: root)
        try scratch.write("repo/apps/base/deployment.yaml", Fixture.deployment + "  labels: {tier: web}\n")
        try git(["commit", "-q", "-am", "second"], in: root)
        return root
    }

    @Test func headMatchesTheWorkingDirectory() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let root = try Self.repository(in: scratch)

        let fromGit = try SourceTree.gitRevision("HEAD", in: root)
        let fromDisk = try SourceTree.workingDirectory(at: root)

        #expect(fromGit.files == Fixture.files)
        #expect(fromGit.files == fromDisk.files)
        #expect(fromGit.directories == fromDisk.directories)
        #expect(fromGit.diagnostics == fromDisk.diagnostics)
        #expect(fromGit.diagnostics.map { [$0.location.file, $0.rule.rawValue] } == Fixture.findings.map { [$0.0, $0.1] })
        for file in fromDisk.files {
            #expect(try fromGit.contents(of: file) == fromDisk.contents(of: file), "\(file)")
        }
        #expect(throws: SourceTreeError.notFound("passwd")) { try fromGit.contents(of: "passwd") }
    }

    @Test func recordsTheCommitAndOrigin() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let root = try Self.repository(in: scratch)
        let head = try git(["rev-parse", "HEAD"], in: root)

        let tree = try SourceTree.gitRevision("main", in: root)

        #expect(tree.commit == head)
        #expect(head.count == 40)
        #expect(tree.origin == "main (commit \(head.prefix(7))) of \(root)")
    }

    @Test(arguments: ["HEAD~1", "v1", "main^"])
    func olderRevisionsShowOlderContent(revision: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let root = try Self.repository(in: scratch)
        let first = try git(["rev-parse", "HEAD~1"], in: root)

        let tree = try SourceTree.gitRevision(revision, in: root)

        #expect(tree.commit == first)
        #expect(try tree.contents(of: "apps/base/deployment.yaml") == Array(Fixture.deployment.utf8))
        #expect(try tree.contents(of: "linked-file.yaml") == Array(Fixture.deployment.utf8))
    }

    @Test func shortCommitIdsResolve() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let root = try Self.repository(in: scratch)
        let head = try git(["rev-parse", "HEAD"], in: root)

        #expect(try SourceTree.gitRevision(String(head.prefix(8)), in: root).commit == head)
    }

    @Test func readsBareClones() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let root = try Self.repository(in: scratch)
        try git(["clone", "-q", "--bare", root, scratch.path + "/bare.git"], in: scratch.path)

        let bare = try SourceTree.gitRevision("main", in: scratch.path + "/bare.git", excluding: ["*.md"])
        let normal = try SourceTree.gitRevision("main", in: root, excluding: ["*.md"])

        #expect(bare.files == normal.files)
        #expect(!bare.isFile("README.md"))
        #expect(bare.diagnostics == normal.diagnostics)
        #expect(try bare.contents(of: "apps/prod/kustomization.yaml") == Array("resources:\n- ../base\n".utf8))
    }

    @Test func skipsSubmoduleEntries() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("repo/app.yaml", "a: 1\n")
        let root = scratch.path + "/repo"
        try git(["init", "-q"], in: root)
        try git(["add", "-A"], in: root)
        try git(["commit", "-q", "-m", "first"], in: root)
        let head = try git(["rev-parse", "HEAD"], in: root)
        try git(["update-index", "--add", "--cacheinfo", "160000,\(head),vendor/sub"], in: root)
        try git(["commit", "-q", "-m", "submodule"], in: root)

        let tree = try SourceTree.gitRevision("HEAD", in: root)

        #expect(tree.files == ["app.yaml"])
        #expect(tree.directories == [""])
        #expect(tree.diagnostics.isEmpty)
    }

    @Test func unknownRevisionThrows() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let root = try Self.repository(in: scratch)

        do {
            _ = try SourceTree.gitRevision("no-such-branch", in: root)
            Issue.record("expected unknownRevision")
        } catch {
            guard case .unknownRevision(let revision, let reason) = error else {
                Issue.record("wrong error: \(error)")
                return
            }
            #expect(revision == "no-such-branch")
            #expect(!reason.isEmpty)
        }
    }

    @Test func nonRepositoryThrows() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }

        #expect {
            try SourceTree.gitRevision("HEAD", in: scratch.path)
        } throws: { error in
            if case .notARepository(let path, _)? = error as? SourceTreeError { return path == scratch.path }
            return false
        }
    }
}
