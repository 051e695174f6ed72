import ArgumentParser
import Diagnostics

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List every rule with its default severity.")

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let rules = RuleCatalog.all.sorted { $0.id.rawValue < $1.id.rawValue }
        if json {
            let items = rules.map { rule in
                "  {\"id\": \(quoted(rule.id.rawValue)), \"category\": \(quoted(rule.category)), \"severity\": \(quoted(rule.defaultSeverity.rawValue)), \"summary\": \(quoted(rule.summary))}"
            }
            print("[\n" + items.joined(separator: ",\n") + "\n]")
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

private func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
