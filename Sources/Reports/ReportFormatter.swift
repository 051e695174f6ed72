import Diagnostics

/// Turns a finished lint run into one output format. Formatters are pure: the same report
/// always renders to the same bytes.
public protocol ReportFormatter: Sendable {
    func render(_ report: LintReport) -> String
}

/// The formats `shipshape lint --format` accepts.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, sarif, junit, github

    /// The formatter for this format. `color` only affects `text`.
    public func formatter(color: Bool) -> any ReportFormatter {
        switch self {
        case .text: return TextReport(color: color)
        case .json: return JSONReport()
        case .sarif: return SARIFReport()
        case .junit: return JUnitReport()
        case .github: return GitHubReport()
        }
    }
}

/// Helpers shared by several formats.
enum ReportText {
    /// `2 errors, 1 warning, 0 infos (3 suppressed) in 40 files, 120 objects, 7 units`.
    static func summaryLine(_ summary: LintSummary) -> String {
        var line = "\(counted(summary.errors, "error")), \(counted(summary.warnings, "warning")), "
            + counted(summary.infos, "info")
        if summary.suppressed > 0 { line += " (\(summary.suppressed) suppressed)" }
        line += " in \(counted(summary.files, "file")), \(counted(summary.objects, "object")), "
            + counted(summary.units, "unit")
        if let fixed = summary.fixed { line += "; \(fixed) fixed since the base revision" }
        return line
    }

    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// `file:line:col`.
    static func position(_ location: SourceLocation) -> String {
        "\(location.file):\(location.line):\(location.column)"
    }

    /// The 64-bit FNV-1a hash of the UTF-8 bytes, as 16 lowercase hex digits.
    static func fnv1a64(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Percent-encodes everything but unreserved characters and `/` (RFC 3986 path of a relative URI).
    static func uriPath(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
