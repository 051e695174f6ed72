import Diagnostics

/// Compiler-style output for terminals and logs:
///
///     kustomization.yaml:12:5: error[depends-on-missing]: dependsOn names ...
///        |
///     12 |     - name: infra-controller
///        |     ^
///        = note: infra/controllers.yaml:3:9: did you mean this one?
///        = fix: rename the dependency to "infra-controllers"
///
/// followed by the summary line. ANSI colour only when `color` is true.
public struct TextReport: ReportFormatter {
    public var color: Bool

    public init(color: Bool = false) {
        self.color = color
    }

    public func render(_ report: LintReport) -> String {
        var blocks = report.diagnostics.map { block($0, sourceLines: report.sourceLines) }
        blocks.append(ReportText.summaryLine(report.summary) + "\n")
        return blocks.joined(separator: "\n")
    }

    func block(_ diagnostic: Diagnostic, sourceLines: any SourceLineProvider) -> String {
        let location = diagnostic.location
        var lines = [
            "\(Self.safe(ReportText.position(location))): \(severityWord(diagnostic.severity))"
                + "[\(styled(diagnostic.rule.rawValue, "1"))]: \(Self.safe(diagnostic.message))",
        ]
        let pad = String(repeating: " ", count: String(location.line).count)
        if location.line >= 1, let source = sourceLines.line(location.line, of: location.file) {
            lines.append("\(pad) |")
            lines.append("\(location.line) | \(Self.excerpt(source))")
            lines.append("\(pad) | \(String(repeating: " ", count: max(location.column, 1) - 1))^")
        }
        for related in diagnostic.related {
            lines.append("\(pad) = note: \(Self.safe(ReportText.position(related.location))): \(Self.safe(related.message))")
        }
        if let fix = diagnostic.fix {
            lines.append("\(pad) = fix: \(Self.safe(fix))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func severityWord(_ severity: Severity) -> String {
        switch severity {
        case .error: return styled("error", "1;31")
        case .warning: return styled("warning", "1;33")
        case .info: return styled("info", "1;34")
        }
    }

    private func styled(_ text: String, _ sgr: String) -> String {
        color ? "\u{1B}[\(sgr)m\(text)\u{1B}[0m" : text
    }

    /// A source line with every control character (tabs included) shown as one space, so that
    /// each Unicode scalar takes one column and the caret lines up.
    static func excerpt(_ line: String) -> String {
        var out = ""
        for scalar in line.unicodeScalars {
            out.unicodeScalars.append(scalar.properties.generalCategory == .control ? " " : scalar)
        }
        return out
    }

    /// Text from the repository with terminal control characters (ESC and friends) neutralised;
    /// newlines and tabs stay.
    static func safe(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let isControl = scalar.properties.generalCategory == .control && scalar != "\n" && scalar != "\t"
            out.unicodeScalars.append(isControl ? "\u{FFFD}" : scalar)
        }
        return out
    }
}
