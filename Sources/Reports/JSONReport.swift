import Diagnostics

/// The machine-readable contract of `shipshape lint --format json`:
///
///     {"summary": {errors, warnings, infos, suppressed, files, objects, units[, fixed]},
///      "diagnostics": [{rule, severity, message, file, line, column,
///                       object: {apiVersion, kind, namespace, name} | null,
///                       unit: {kind, namespace, name} | null,
///                       related: [{file, line, column, message}], fix: string | null}]}
///
/// Keys are sorted and absent values are written as `null`, so the output is byte-for-byte
/// deterministic and every key is always present (except `fixed`, which is pre-merge only).
public struct JSONReport: ReportFormatter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        JSONValue.object([
            "summary": Self.summary(report.summary),
            "diagnostics": .array(report.diagnostics.map(Self.diagnostic)),
        ]).rendered()
    }

    static func summary(_ summary: LintSummary) -> JSONValue {
        var members: [String: JSONValue] = [
            "errors": .int(summary.errors),
            "warnings": .int(summary.warnings),
            "infos": .int(summary.infos),
            "suppressed": .int(summary.suppressed),
            "files": .int(summary.files),
            "objects": .int(summary.objects),
            "units": .int(summary.units),
        ]
        if let fixed = summary.fixed { members["fixed"] = .int(fixed) }
        return .object(members)
    }

    static func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            "rule": .string(diagnostic.rule.rawValue),
            "severity": .string(diagnostic.severity.rawValue),
            "message": .string(diagnostic.message),
            "file": .string(diagnostic.location.file),
            "line": .int(diagnostic.location.line),
            "column": .int(diagnostic.location.column),
            "object": diagnostic.object.map(object) ?? .null,
            "unit": diagnostic.unit.map(unit) ?? .null,
            "related": .array(diagnostic.related.map { related in
                .object([
                    "file": .string(related.location.file),
                    "line": .int(related.location.line),
                    "column": .int(related.location.column),
                    "message": .string(related.message),
                ])
            }),
            "fix": .optional(diagnostic.fix),
        ])
    }

    static func object(_ object: ObjectReference) -> JSONValue {
        .object([
            "apiVersion": .string(object.apiVersion),
            "kind": .string(object.kind),
            "namespace": .optional(object.namespace),
            "name": .optional(object.name),
        ])
    }

    static func unit(_ unit: UnitReference) -> JSONValue {
        .object([
            "kind": .string(unit.kind),
            "namespace": .optional(unit.namespace),
            "name": .string(unit.name),
        ])
    }
}
