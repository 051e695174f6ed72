import Foundation

/// Temporary directories, files and git for tests; everything under one removable root.
struct Scratch {
    var root: String

    init() throws {
        root = NSTemporaryDirectory() + "shipshape-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ relative: String, _ text: String) throws {
        try write(relative, Data(text.utf8))
    }

    func write(_ relative: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        try run("/usr/bin/env", ["git", "-C", root, "-c", "user.name=Test", "-c", "user.email=test@example.com",
                                 "-c", "commit.gpgsign=false"] + arguments)
    }
}

enum TestPaths {
    static let packageRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()
    static let shared = packageRoot + "/../shared"
    static let corpus = shared + "/corpus"

    static var corpusRepositories: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus)) ?? [])
            .filter { !$0.hasSuffix(".md") && !$0.hasSuffix(".tsv") }.sorted()
    }
}

struct CommandFailure: Error, CustomStringConvertible {
    let description: String
}

@discardableResult
func run(_ executable: String, _ arguments: [String], status expected: Int32? = 0) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    if let expected, process.terminationStatus != expected {
        throw CommandFailure(description: "\(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(text)")
    }
    return text
}

/// Python with jsonschema: Debian's /usr/bin/python3 (python3-jsonschema from `make deps`) first.
var python: String {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "/usr/bin/env"
}
var pythonArguments: [String] { python == "/usr/bin/env" ? ["python3"] : [] }
