import Foundation
import KubeClient
import KubeDouble
import Plan
import Testing
@testable import Executor

/// `shipshape apply` end to end: the built binary against the API double through a kubeconfig.
@Suite struct ApplyCommandTests {
    static let binary = ExecutorFixtures.packageRoot + "/.build/debug/shipshape"

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    // The binary is built by `swift build --build-tests` alongside the tests; without it this is skipped.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary), "needs .build/debug/shipshape (swift build)"))
    func applyPrintsPlainLinesAndExitsByOutcome() throws {
        let repository = try ScratchRepository(ExecutorFixtures.fluxRepository(apps: ExecutorFixtures.demoApp(), appsSpec: "wait: false"))
        defer { repository.remove() }
        let planFile = repository.root + "/plan.json"
        try Data(try repository.plan().fileText().utf8).write(to: URL(fileURLWithPath: planFile))
        let double = KubeAPIDouble()
        try double.start()
        defer { double.stop() }
        let kubeconfig = repository.root + "/kubeconfig"
        try double.kubeconfig(at: kubeconfig, token: "t0k3n-secret")

        let first = try Self.run(["apply", planFile, "--kubeconfig", kubeconfig])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("stage 2: Namespace/demo created\n"))
        #expect(first.output.contains("stage 2: Deployment/demo/web created\n"))
        #expect(first.output.hasSuffix("Apply complete: 4 created, 0 configured, 0 unchanged, 0 pruned.\n"))
        #expect(!first.output.contains("t0k3n-secret"))

        let again = try Self.run(["apply", planFile, "--kubeconfig", kubeconfig, "--prune"])
        #expect(again.status == 0 && again.output.hasSuffix("Apply complete: 0 created, 0 configured, 4 unchanged, 0 pruned.\n"))

        let wrongRevision = try Self.run(["apply", planFile, "--kubeconfig", kubeconfig, "--rev", "main"])
        #expect(wrongRevision.status == 1 && wrongRevision.output.contains("Apply refused"))
        let usage = try Self.run(["apply", planFile, "--dry-run=client"])
        #expect(usage.status == 2)
    }
}
