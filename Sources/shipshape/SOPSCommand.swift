import ArgumentParser
import Diagnostics
import Foundation
import Lint
import Reports
import SOPS
import SourceTree
#if canImport(Glibc)
import Glibc
#endif

struct SOPSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sops",
        abstract: "Check SOPS-encrypted files without a key, or verify them with an age key.",
        subcommands: [SOPSCheckCommand.self, SOPSVerifyCommand.self]
    )
}

/// What `check` and `verify` share: paths, format, output, exit statuses.
struct SOPSOptions: ParsableArguments {
    @Argument(help: "Files or directories (default: .). Each is checked inside the Git work tree that holds it, whose .sops.yaml files govern it.")
    var paths: [String] = ["."]

    @Option(help: "Output format: text, json or sarif.")
    var format: ReportFormat = .text

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(inversion: .prefixedNo, help: "Colour text output (default: only on a terminal).")
    var color: Bool?

    func validate() throws {
        guard [.text, .json, .sarif].contains(format) else { throw ValidationError("--format takes text, json or sarif") }
    }

    /// Runs the SOPS stage on every path and prints one report. Exit 0 clean, 1 findings, 2 usage.
    func run(identities: [AgeIdentity]) throws {
        var diagnostics: [Diagnostic] = []
        var summary = LintSummary()
        var reports: [LintReport] = []
        for path in paths {
            let location = try SOPSLocation(path: path)
            do {
                let tree = try SourceTree.workingDirectory(at: location.root)
                let (report, _) = try SOPSChecks.report(tree, paths: [location.relative], identities: identities)
                reports.append(report)
                diagnostics += report.diagnostics
                summary.errors += report.summary.errors
                summary.warnings += report.summary.warnings
                summary.infos += report.summary.infos
                summary.files += report.summary.files
            } catch let error as SourceTreeError {
                printError("error: \(error)")
                throw ExitCode(ExitStatus.usage)
            } catch let error as Configuration.Error {
                printError("error: \(error)")
                throw ExitCode(ExitStatus.usage)
            }
        }
        guard var combined = reports.first else { throw ExitCode(ExitStatus.usage) }
        combined.diagnostics = diagnostics.sorted()
        combined.summary = summary
        let useColor = color ?? (output == nil && format == .text && isatty(1) == 1 && getenv("NO_COLOR") == nil)
        let rendered = format.formatter(color: useColor).render(combined)
        try emit(rendered, to: output)
        // Anything not clean fails; a file that is merely not ours to verify (info) does not.
        throw ExitCode(summary.errors > 0 || summary.warnings > 0 ? ExitStatus.findings : ExitStatus.clean)
    }
}

struct SOPSCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check SOPS files without a key: structure, encrypted values, Kubernetes fields, creation rules.",
        discussion: "Exit status: 0 clean, 1 findings, 2 usage error."
    )

    @OptionGroup var options: SOPSOptions

    func run() throws { try options.run(identities: []) }
}

struct SOPSVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check SOPS files and, with an age key, prove every value decrypts and every MAC matches.",
        discussion: "No decrypted value is ever printed. Exit status: 0 clean, 1 findings (a value that does not decrypt, a MAC mismatch, plaintext where encryption is required, recipients that differ from the creation rule, apiVersion/kind/metadata encrypted), 2 usage error."
    )

    @Option(name: .customLong("age-key"), help: "An age identity file (AGE-SECRET-KEY-1… lines); default: $SOPS_AGE_KEY_FILE.")
    var ageKey: String?

    @OptionGroup var options: SOPSOptions

    func run() throws {
        guard let file = ageKey ?? ProcessInfo.processInfo.environment["SOPS_AGE_KEY_FILE"] else {
            throw ValidationError("verify needs --age-key FILE or SOPS_AGE_KEY_FILE")
        }
        try options.run(identities: try readAgeIdentities(file))
    }
}

/// Identities from a key file; errors name the file and line, never key material.
func readAgeIdentities(_ file: String) throws -> [AgeIdentity] {
    let bytes = try readFile(file)
    do {
        let identities = try AgeIdentity.parse(String(decoding: bytes, as: UTF8.self))
        guard !identities.isEmpty else { throw ValidationError("\(file) holds no AGE-SECRET-KEY-1 identity") }
        return identities
    } catch let error as SOPSError {
        throw ValidationError("\(file): \(error.message)")
    }
}

/// A path given to `sops check|verify`: the Git work tree holding it and the path inside it.
struct SOPSLocation {
    let root: String
    let relative: String

    init(path: String) throws {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: absolute) else { throw ValidationError("\(path) does not exist") }
        var candidate = URL(fileURLWithPath: absolute)
        var root: String?
        while candidate.path != "/" {
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(".git").path) {
                root = candidate.path
                break
            }
            candidate.deleteLastPathComponent()
        }
        var isDirectory: ObjCBool = false
        FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory)
        let base = root ?? (isDirectory.boolValue ? absolute : URL(fileURLWithPath: absolute).deletingLastPathComponent().path)
        self.root = base
        relative = absolute == base ? "" : String(absolute.dropFirst(base.count + 1))
    }
}
