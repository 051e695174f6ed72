import Diagnostics
import Foundation
import Lint
import Reports
import SourceTree
import Testing

/// The same content read from the working directory and from a Git revision must lint the same.
struct RevisionTests {
    @Test func worktreeAndRevisionGiveIdenticalJSON() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try FileManager.default.copyItem(atPath: TestPaths.corpus + "/sudoflux__flux-k3s", toPath: scratch.path("repo"))
        let repo = Scratch(existing: scratch.path("repo"))
        try repo.git("init", "-q")
        try repo.git("add", "-A")
        try repo.git("commit", "-qm", "corpus snapshot")
        let worktree = try Linter.lint(try SourceTree.workingDirectory(at: repo.root))
        let revision = try Linter.lint(try SourceTree.gitRevision("HEAD", in: repo.root))
        let json = JSONReport()
        #expect(json.render(worktree.report()) == json.render(revision.report()))
        #expect(worktree.summary.objects > 100)
    }

    @Test func preMergeReportsOnlyNewFindingsAndCountsFixed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let secret = { (name: String) in "apiVersion: v1\nkind: Secret\nmetadata:\n  name: \(name)\nstringData:\n  password: s3cr3t-value\n" }
        try scratch.write("old.yaml", secret("old"))
        try scratch.write("kept.yaml", secret("kept"))
        try scratch.git("init", "-q")
        try scratch.git("add", "-A")
        try scratch.git("commit", "-qm", "base")
        try FileManager.default.removeItem(atPath: scratch.path("old.yaml"))
        // Moving the kept Secret down two lines must not make it "new".
        try scratch.write("kept.yaml", "# moved\n\n" + secret("kept"))
        try scratch.write("new.yaml", secret("new"))
        let head = try Linter.lint(try SourceTree.workingDirectory(at: scratch.root))
        let base = try Linter.lint(try SourceTree.gitRevision("HEAD", in: scratch.root))
        let (fresh, summary) = PreMerge.newFindings(head: head, base: base)
        #expect(fresh.map(\.location.file) == ["new.yaml"])
        #expect(summary.errors == 1)
        #expect(summary.fixed == 1)
    }
}

extension Scratch {
    init(existing root: String) {
        self.root = root
    }
}
