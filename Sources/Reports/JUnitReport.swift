import Diagnostics

/// JUnit XML (the Ant/Surefire dialect Jenkins, GitLab and GitHub test reporters read, valid
/// against xunit-plugin's `junit-10.xsd`). One `<testsuite>` per rule with findings, named by
/// the rule id; one `<testcase name="file:line:col" classname="rule-id">` per diagnostic.
/// Errors and warnings are `<failure type="error|warning">`; infos pass and carry their text in
/// `<system-out>`. A clean run is a single passing suite `shipshape`.
public struct JUnitReport: ReportFormatter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        var descriptors: [RuleID: RuleDescriptor] = [:]
        for rule in report.rules where descriptors[rule.id] == nil { descriptors[rule.id] = rule }
        let groups = Dictionary(grouping: report.diagnostics, by: \.rule)
        var suites: [String] = []
        var tests = 0, failures = 0
        for rule in groups.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            let diagnostics = groups[rule] ?? []
            let failed = diagnostics.filter { $0.severity != .info }.count
            tests += diagnostics.count
            failures += failed
            var lines = [Self.suiteOpen(rule.rawValue, tests: diagnostics.count, failures: failed)]
            if let descriptor = descriptors[rule] {
                lines.append("    <properties>")
                lines.append("      <property name=\"category\" value=\"\(Self.escape(descriptor.category, attribute: true))\"/>")
                lines.append("      <property name=\"summary\" value=\"\(Self.escape(descriptor.summary, attribute: true))\"/>")
                lines.append("    </properties>")
            }
            lines += diagnostics.map(Self.testcase)
            lines.append("  </testsuite>")
            suites.append(lines.joined(separator: "\n"))
        }
        if suites.isEmpty {
            tests = 1
            suites.append([
                Self.suiteOpen("shipshape", tests: 1, failures: 0),
                "    <testcase name=\"lint\" classname=\"shipshape\" time=\"0\">",
                "      <system-out>\(Self.escape(ReportText.summaryLine(report.summary), attribute: false))</system-out>",
                "    </testcase>",
                "  </testsuite>",
            ].joined(separator: "\n"))
        }
        let head = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                    "<testsuites name=\"shipshape\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" time=\"0\">"]
        return (head + suites + ["</testsuites>"]).joined(separator: "\n") + "\n"
    }

    static func suiteOpen(_ name: String, tests: Int, failures: Int) -> String {
        "  <testsuite name=\"\(escape(name, attribute: true))\" tests=\"\(tests)\" failures=\"\(failures)\""
            + " errors=\"0\" skipped=\"0\" time=\"0\">"
    }

    static func testcase(_ diagnostic: Diagnostic) -> String {
        let name = escape(ReportText.position(diagnostic.location), attribute: true)
        let rule = escape(diagnostic.rule.rawValue, attribute: true)
        let body = escape(details(diagnostic), attribute: false)
        let inner: String
        if diagnostic.severity == .info {
            inner = "      <system-out>\(body)</system-out>"
        } else {
            inner = "      <failure message=\"\(escape(diagnostic.message, attribute: true))\""
                + " type=\"\(diagnostic.severity.rawValue)\">\(body)</failure>"
        }
        return "    <testcase name=\"\(name)\" classname=\"\(rule)\" time=\"0\">\n\(inner)\n    </testcase>"
    }

    /// The full finding as plain text, for the failure body.
    static func details(_ diagnostic: Diagnostic) -> String {
        var lines = ["\(ReportText.position(diagnostic.location)): \(diagnostic.severity.rawValue)"
            + "[\(diagnostic.rule.rawValue)]: \(diagnostic.message)"]
        if let object = diagnostic.object { lines.append("object: \(object.displayName) (\(object.apiVersion))") }
        if let unit = diagnostic.unit { lines.append("unit: \(unit.displayName)") }
        for related in diagnostic.related {
            lines.append("note: \(ReportText.position(related.location)): \(related.message)")
        }
        if let fix = diagnostic.fix { lines.append("fix: \(fix)") }
        return lines.joined(separator: "\n")
    }

    /// Escapes markup characters and drops the characters XML 1.0 forbids. In attributes,
    /// tab, newline and carriage return become character references so parsers keep them.
    static func escape(_ text: String, attribute: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            case "\t", "\n": if attribute { out += "&#\(scalar.value);" } else { out.unicodeScalars.append(scalar) }
            case "\u{00}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
