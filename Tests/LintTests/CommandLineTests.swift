import Foundation
import Testing

/// The executable's documented exit statuses: 0 clean, 1 errors, 2 usage or configuration errors.
struct CommandLineTests {
    static let binary = TestPaths.packageRoot + "/.build/debug/shipshape"
    static let fixtures = TestPaths.packageRoot + "/Tests/Fixtures"

    @Test func exitStatusesFollowTheContract() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build the package first")
        try run(Self.binary, ["lint", Self.fixtures + "/depends-on-missing/clean"], status: 0)
        let text = try run(Self.binary, ["lint", "--no-color", Self.fixtures + "/depends-on-missing/triggers"], status: 1)
        #expect(text.contains("clusters/prod/units.yaml:28:13: error[depends-on-missing]"))
        try run(Self.binary, ["lint", "--format", "yaml", Self.fixtures], status: 2)
        try run(Self.binary, ["lint", "/nonexistent/repository"], status: 2)
        try run(Self.binary, ["lint", "--rev", "HEAD", "/tmp"], status: 2)
    }

    @Test func badConfigurationExitsTwo() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write(".shipshape.yaml", "rules:\n  not-a-rule: off\n")
        let text = try run(Self.binary, ["lint", scratch.root], status: 2)
        #expect(text.contains(".shipshape.yaml:2:3: invalid configuration"))
    }
}
