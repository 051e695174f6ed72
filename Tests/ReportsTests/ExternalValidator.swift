import Foundation

/// Runs the schema validators the report tests rely on. A missing validator is an error,
/// never a silent pass.
enum ExternalValidator {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    struct Outcome {
        var status: Int32
        var output: String
        var passed: Bool { status == 0 }
    }

    /// `<package root>/../shared`, found from this file's path.
    static var sharedDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // ReportsTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("../shared")
            .standardizedFileURL
    }

    static func schema(_ relativePath: String) throws -> String {
        let path = sharedDirectory.appendingPathComponent(relativePath).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw Missing(description: "schema not found at \(path)")
        }
        return path
    }

    /// SARIF against the OASIS 2.1.0 JSON Schema, with Python's jsonschema.
    static func validateSARIF(_ document: String) throws -> Outcome {
        let schemaPath = try schema("schemas/sarif/sarif-schema-2.1.0.json")
        let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
            ? "/usr/bin/python3" : try executable("python3", hint: "install python3 and python3-jsonschema")
        let script = "import json,jsonschema,sys; "
            + "jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))"
        return try withTemporaryFile(document, extension: "sarif") { file in
            let outcome = try run(python, ["-c", script, file, schemaPath])
            if outcome.output.contains("No module named 'jsonschema'") {
                throw Missing(description: "\(python) has no jsonschema module (apt-get install python3-jsonschema)")
            }
            return outcome
        }
    }

    /// JUnit XML against xunit-plugin's junit-10.xsd, with xmllint (libxml2-utils).
    static func validateJUnit(_ document: String) throws -> Outcome {
        let schemaPath = try schema("schemas/junit/junit-10.xsd")
        let xmllint = try executable("xmllint", hint: "apt-get install libxml2-utils")
        return try withTemporaryFile(document, extension: "xml") { file in
            try run(xmllint, ["--noout", "--schema", schemaPath, file])
        }
    }

    /// Evaluates an XPath expression on the document with xmllint (without the trailing newline).
    static func xpath(_ expression: String, in document: String) throws -> String {
        let xmllint = try executable("xmllint", hint: "apt-get install libxml2-utils")
        let output = try withTemporaryFile(document, extension: "xml") { file in
            try run(xmllint, ["--xpath", expression, file]).output
        }
        return output.hasSuffix("\n") ? String(output.dropLast()) : output
    }

    static func executable(_ name: String, hint: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Missing(description: "validator '\(name)' not found on PATH; \(hint)")
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static func withTemporaryFile<T>(_ text: String, extension ext: String, _ body: (String) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("shipshape-report-\(UUID().uuidString).\(ext)")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }
}
