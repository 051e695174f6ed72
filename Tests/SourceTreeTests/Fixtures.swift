import Foundation
import Testing

/// A scratch directory under the system temporary directory, removed by `remove()`.
struct Scratch {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sourcetree-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    func write(_ relative: String, _ text: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func link(_ relative: String, to target: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: target)
    }

    func mkdir(_ relative: String) throws {
        try FileManager.default.createDirectory(at: url.appendingPathComponent(relative), withIntermediateDirectories: true)
    }
}

/// The repository used by the working-directory and Git tests: ordinary files plus every kind
/// of symlink the tree must handle. `secret` sits next to the repository, outside its root.
enum Fixture {
    static let deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
    static let secret = "TOP-SECRET-OUTSIDE-CONTENT"

    /// Builds the fixture in `scratch/repo` and returns that path.
    static func build(in scratch: Scratch) throws -> String {
        try scratch.write("outside.yaml", secret)
        try scratch.write("repo/apps/base/deployment.yaml", deployment)
        try scratch.write("repo/apps/base/kustomization.yaml", "resources:\n- deployment.yaml\n")
        try scratch.write("repo/apps/prod/kustomization.yaml", "resources:\n- ../base\n")
        try scratch.write("repo/README.md", "# fixture\n")
        try scratch.link("repo/linked-file.yaml", to: "apps/base/deployment.yaml")
        try scratch.link("repo/linked-dir", to: "apps/base")
        try scratch.link("repo/passwd", to: "/etc/passwd")
        try scratch.link("repo/escape.yaml", to: "../outside.yaml")
        try scratch.link("repo/dangling.yaml", to: "missing.yaml")
        try scratch.link("repo/loop-a", to: "loop-b")
        try scratch.link("repo/loop-b", to: "loop-a")
        try scratch.link("repo/apps/self", to: "..")
        return scratch.path + "/repo"
    }

    static let files = [
        "README.md",
        "apps/base/deployment.yaml",
        "apps/base/kustomization.yaml",
        "apps/prod/kustomization.yaml",
        "linked-dir/deployment.yaml",
        "linked-dir/kustomization.yaml",
        "linked-file.yaml",
    ]

    static let directories: Set<String> = ["", "apps", "apps/base", "apps/prod", "linked-dir"]

    /// (file, rule) of every expected diagnostic, in the tree's sort order.
    static let findings = [
        ("apps/self", "file-unreadable"),
        ("dangling.yaml", "file-unreadable"),
        ("escape.yaml", "symlink-escape"),
        ("loop-a", "file-unreadable"),
        ("loop-b", "file-unreadable"),
        ("passwd", "symlink-escape"),
    ]
}

struct CommandFailed: Error, CustomStringConvertible {
    let description: String
}

/// Runs git with a fixed identity and no user or system configuration, returning its stdout.
@discardableResult
func git(_ arguments: [String], in directory: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-c", "user.name=Shipshape Tests", "-c", "user.email=tests@example.com",
                         "-c", "init.defaultBranch=main", "-c", "core.symlinks=true"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw CommandFailed(description: "git \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
    }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
