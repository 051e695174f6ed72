import Foundation
import Plan
import Testing
@testable import Executor

/// `apply --target git:BRANCH`: the hydrated manifests become one commit on the branch, with the
/// source revision in the message; an apply that changes nothing makes no commit.
@Suite struct GitTargetTests {
    private func git(_ directory: String, _ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory, "-c", "user.name=Test", "-c", "user.email=t@example.com"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func hydratedManifestsAreCommittedOncePerChange() throws {
        let plan = try ExecutorFixtures.plan(at: ExecutorFixtures.packageRoot + "/examples")
        let repository = NSTemporaryDirectory() + "shipshape-git-target-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: repository, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: repository) }
        _ = try git(repository, "init", "-q", "-b", "main")

        let first = try GitTarget.commit(plan, repository: repository, branch: "hydrated")
        #expect(first.committed && first.files == HydratedLayout.files(for: plan).count)
        #expect(try git(repository, "rev-parse", "refs/heads/hydrated") == first.commit)
        let listed = try git(repository, "ls-tree", "-r", "--name-only", "hydrated").split(separator: "\n").map(String.init)
        #expect(Set(listed) == Set(HydratedLayout.files(for: plan).keys))
        #expect(try git(repository, "log", "-1", "--format=%s", "hydrated").hasPrefix("shipshape apply: hydrated manifests of"))
        #expect(try git(repository, "status", "--porcelain").isEmpty, "the working tree is not touched")

        let second = try GitTarget.commit(plan, repository: repository, branch: "hydrated")
        #expect(!second.committed && second.commit == first.commit)
        #expect(try git(repository, "rev-list", "--count", "hydrated") == "1")
        #expect(throws: GitTarget.Failure.self) { try GitTarget.commit(plan, repository: repository, branch: "bad..name") }
    }
}
