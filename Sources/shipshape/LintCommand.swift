import ArgumentParser
import Foundation
import Diagnostics
import Lint
import Policy
import Reports
import SourceTree
#if canImport(Glibc)
import Glibc
#endif

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Report problems in a GitOps repository.",
        discussion: "Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage or configuration error."
    )

    @Argument(help: "The repository root (a working directory, or a Git repository with --rev/--base).")
    var path: String = "."

    @Option(help: "Read the tree of this commit, branch or tag through Git instead of the working directory.")
    var rev: String?

    @Option(help: "Pre-merge mode: report only findings that are new relative to this revision.")
    var base: String?

    @Option(help: "Output format: text, json, sarif, junit or github.")
    var format: ReportFormat = .text

    @Option(name: .customLong("exclude"), help: "Skip paths matching this glob (repeatable).")
    var excludes: [String] = []

    @Option(name: .customLong("source"), help: "Map a Flux source to a directory of the repository: KIND/NAME=DIR (repeatable).")
    var sources: [String] = []

    @Option(help: "Read configuration from this file instead of the tree's .shipshape.yaml.")
    var config: String?

    @Option(name: .customLong("cluster-root"), help: "Also render this directory as a cluster root, as a Flux bootstrap would (repeatable).")
    var clusterRoots: [String] = []

    @Option(name: .customLong("age-key"), help: "Verify SOPS files with this age identity file (decryption and MAC); default: $SOPS_AGE_KEY_FILE if set.")
    var ageKey: String?

    @Option(name: .customLong("rules"), help: "Also evaluate the rule files under this directory (repeatable).")
    var ruleDirectories: [String] = []

    @Option(name: .customLong("cluster"), help: "Only this cluster: its render findings, and file findings no other cluster owns (repeatable).")
    var clusters: [String] = []

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(help: "Exit 1 on warnings too.")
    var strict = false

    @Flag(inversion: .prefixedNo, help: "Colour text output (default: only on a terminal).")
    var color: Bool?

    func validate() throws {
        try validateSourceMappings(sources)
    }

    func run() throws {
        var options = LintOptions()
        options.excludes = excludes
        options.clusterRoots = clusterRoots
        options.clusters = clusters
        options.ruleDirectories = ruleDirectories
        if let file = ageKey ?? ProcessInfo.processInfo.environment["SOPS_AGE_KEY_FILE"] {
            options.ageIdentities = try readAgeIdentities(file)
        }
        options.sources = sourceMappings(sources)
        let report: LintReport
        do {
            if let config { options.configuration = try Configuration.parse(try readFile(config), file: config) }
            let head = try rev.map { rev throws(SourceTreeError) in try SourceTree.gitRevision(rev, in: path) }
                ?? SourceTree.workingDirectory(at: path)
            if let base {
                let baseRun = try Linter.lint(try SourceTree.gitRevision(base, in: path), options: options)
                // Rules see the base revision's version of each object as `oldObject`.
                var headOptions = options
                headOptions.baseObjects = ClusterEvaluation.objects(of: baseRun.rendered.clusters)
                let headRun = try Linter.lint(head, options: headOptions)
                let (fresh, summary) = PreMerge.newFindings(head: headRun, base: baseRun)
                var combined = headRun.report()
                combined.diagnostics = fresh
                combined.summary = summary
                report = combined
            } else {
                report = try Linter.lint(head, options: options).report()
            }
        } catch let error as SourceTreeError {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.usage)
        } catch let error as Configuration.Error {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        let useColor = color ?? (output == nil && format == .text && isatty(1) == 1 && getenv("NO_COLOR") == nil)
        let rendered = format.formatter(color: useColor).render(report)
        try emit(rendered, to: output)
        let failing = report.summary.errors > 0 || (strict && report.summary.warnings > 0)
        throw ExitCode(failing ? ExitStatus.findings : ExitStatus.clean)
    }
}

extension ReportFormat: ExpressibleByArgument {}

func readFile(_ path: String) throws -> [UInt8] {
    guard let handle = fopen(path, "rb") else { throw ValidationError("cannot read \(path)") }
    defer { fclose(handle) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buffer, 1, buffer.count, handle)
        if n <= 0 { break }
        bytes.append(contentsOf: buffer[0..<n])
    }
    return bytes
}

/// `--source KIND/NAME=DIR` values must name a directory.
func validateSourceMappings(_ sources: [String]) throws {
    for source in sources where !source.contains("=") {
        throw ValidationError("--source takes KIND/NAME=DIR, got \"\(source)\"")
    }
}

/// `--source KIND/NAME=DIR` values as `LintOptions.sources`.
func sourceMappings(_ sources: [String]) -> [String: String] {
    var mappings: [String: String] = [:]
    for source in sources {
        let parts = source.split(separator: "=", maxSplits: 1).map(String.init)
        mappings[parts[0]] = parts.count > 1 ? parts[1] : ""
    }
    return mappings
}

/// A report to `--output FILE`, or to standard output; an unwritable file is a usage error.
func emit(_ text: String, to output: String?) throws {
    guard let output else {
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        return
    }
    guard writeFile(output, text) else {
        printError("error: cannot write \(output)")
        throw ExitCode(ExitStatus.usage)
    }
}

func writeFile(_ path: String, _ text: String) -> Bool {
    guard let handle = fopen(path, "wb") else { return false }
    defer { fclose(handle) }
    let bytes = Array(text.utf8)
    return fwrite(bytes, 1, bytes.count, handle) == bytes.count
}
