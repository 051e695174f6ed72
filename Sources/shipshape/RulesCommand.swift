import ArgumentParser
import Diagnostics
import Reports

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List every rule with its default severity.")

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let rules = RuleCatalog.all.sorted { $0.id.rawValue < $1.id.rawValue }
        if json {
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
            print("\(id)  \(rule.defaultSeverity.rawValue.padding(to: 7))  \(rule.summary)")
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Print a rule's documentation.")

    @Argument(help: "The rule id, as shown in findings.")
    var rule: String

    func run() throws {
        guard let descriptor = RuleID(rule).descriptor else {
            throw ValidationError("unknown rule \"\(rule)\"; `shipshape rules` lists them")
        }
        print("\(descriptor.id) (\(descriptor.category), default \(descriptor.defaultSeverity.rawValue))\n")
        print(descriptor.summary + "\n")
        print(descriptor.help)
        print("\nSuppress one finding with `# shipshape:ignore \(descriptor.id) -- reason`, or set `rules: {\(descriptor.id): off}` in .shipshape.yaml.")
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
