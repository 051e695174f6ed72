import Diagnostics

/// GitHub Actions workflow commands, so findings show as annotations on the pull request:
///
///     ::error file=path,line=12,col=5,title=depends-on-missing::message%0Afix: ...
///
/// warning → `::warning`, info → `::notice`; then the plain summary line.
public struct GitHubReport: ReportFormatter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        var lines = report.diagnostics.map(Self.command)
        lines.append(ReportText.summaryLine(report.summary))
        return lines.joined(separator: "\n") + "\n"
    }

    static func command(_ diagnostic: Diagnostic) -> String {
        let name: String
        switch diagnostic.severity {
        case .error: name = "error"
        case .warning: name = "warning"
        case .info: name = "notice"
        }
        let location = diagnostic.location
        let properties = [
            "file=\(escapeProperty(location.file))",
            "line=\(location.line)",
            "col=\(location.column)",
            "title=\(escapeProperty(diagnostic.rule.rawValue))",
        ].joined(separator: ",")
        var message = [diagnostic.message]
        for related in diagnostic.related {
            message.append("note: \(ReportText.position(related.location)): \(related.message)")
        }
        if let fix = diagnostic.fix { message.append("fix: \(fix)") }
        return "::\(name) \(properties)::\(escapeData(message.joined(separator: "\n")))"
    }

    /// The escaping of the Actions runner's `escapeData`: `%`, CR and LF.
    static func escapeData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The escaping of the runner's `escapeProperty`: as data, plus `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingColonsAndCommas()
    }
}

private extension String {
    func replacingColonsAndCommas() -> String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
