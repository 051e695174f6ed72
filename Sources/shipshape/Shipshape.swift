import ArgumentParser
import Diagnostics
#if canImport(Glibc)
import Glibc
#endif

/// Exit statuses are part of the contract: 0 clean, 1 findings, 2 usage or configuration errors.
enum ExitStatus {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let usage: Int32 = 2
}

@main
struct Shipshape: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shipshape",
        abstract: "Compile and validate GitOps repositories (Flux, Argo CD, kustomize, SOPS).",
        version: ShipshapeVersion.current,
        subcommands: [LintCommand.self, BuildCommand.self, GraphCommand.self, PlanCommand.self, ApplyCommand.self, RulesCommand.self, ExplainCommand.self, CelCommand.self, SOPSCommand.self],
        defaultSubcommand: LintCommand.self
    )

    /// Argument errors exit 2 (not ArgumentParser's 64), so scripts see one stable usage status.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Glibc.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Glibc.exit(ExitStatus.clean)
            }
            printError(fullMessage(for: error))
            Glibc.exit(ExitStatus.usage)
        }
    }
}

func printError(_ message: String) {
    var stderr = StandardError()
    print(message, to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        // Write to descriptor 2 directly: the C `stderr` global is shared mutable state to Swift 6.
        var bytes = Array(string.utf8)
        _ = Glibc.write(2, &bytes, bytes.count)
    }
}
