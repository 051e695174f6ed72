import ArgumentParser
import Diagnostics
import Policy
import Reports

enum RulesFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// The declarative rules: bundled, plus `--rules DIR`; loading them registers their metadata
/// beside the built-in rules.
func policyCatalog(adding directories: [String]) throws -> PolicyCatalog {
    var catalog = PolicyCatalog.bundled
    for directory in directories {
        do {
            catalog = try catalog.adding(try PolicyCatalog.load(directory: directory))
        } catch {
            throw ValidationError(error.description)
        }
    }
    catalog.register()
    return catalog
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List every rule with its default severity.")

    @Flag(help: "Print JSON instead of a table (same as --format json).")
    var json = false

    @Option(help: "Output format: text or json.")
    var format: RulesFormat = .text

    @Option(name: .customLong("rules"), help: "Also list the rules of this directory (repeatable).")
    var rulesDirectories: [String] = []

    func run() throws {
        _ = try policyCatalog(adding: rulesDirectories)
        let rules = RuleCatalog.all.sorted { $0.id.rawValue < $1.id.rawValue }
        if json || format == .json {
            print(JSONValue.array(rules.map { rule in
                .object(["id": .string(rule.id.rawValue), "category": .string(rule.category),
                         "severity": .string(rule.defaultSeverity.rawValue), "summary": .string(rule.summary),
                         "help": .string(rule.help)])
            }).rendered())
            return
        }
        let width = rules.map(\.id.rawValue.count).max() ?? 0
        for rule in rules {
            let id = rule.id.rawValue.padding(to: width)
            print("\(id)  \(rule.defaultSeverity.rawValue.padding(to: 7))  \(rule.category.padding(to: 10))  \(rule.summary)")
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Print a rule's documentation.")

    @Argument(help: "The rule id, as shown in findings.")
    var rule: String

    @Option(name: .customLong("rules"), help: "Also look in the rules of this directory (repeatable).")
    var rulesDirectories: [String] = []

    func run() throws {
        let catalog = try policyCatalog(adding: rulesDirectories)
        if let policy = catalog.rule(rule) {
            print(policy.rule.explanation)
        } else {
            guard let descriptor = RuleID(rule).descriptor else {
                throw ValidationError("unknown rule \"\(rule)\"; `shipshape rules` lists them")
            }
            print("\(descriptor.id) (\(descriptor.category), default \(descriptor.defaultSeverity.rawValue))\n")
            print(descriptor.summary + "\n")
            print(descriptor.help)
        }
        print("\nSuppress one finding with `# shipshape:ignore \(rule) -- reason`, or set `rules: {\(rule): off}` in .shipshape.yaml.")
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
