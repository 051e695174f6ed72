import Diagnostics
import Foundation
import Testing
@testable import Reports

@Suite struct JSONReportTests {
    func parse(_ text: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [String: Any])
    }

    func diagnostics(_ root: [String: Any]) throws -> [[String: Any]] {
        try #require(root["diagnostics"] as? [[String: Any]])
    }

    @Test func summaryHasEveryCountAndFixedOnlyWhenKnown() throws {
        let root = try parse(JSONReport().render(Fixture.report))
        let summary = try #require(root["summary"] as? [String: Int])
        #expect(summary == ["errors": 2, "warnings": 1, "infos": 1, "suppressed": 3,
                            "files": 40, "objects": 120, "units": 7, "fixed": 1])
        let empty = try parse(JSONReport().render(Fixture.emptyReport))
        let emptySummary = try #require(empty["summary"] as? [String: Int])
        #expect(emptySummary["fixed"] == nil)
        #expect(emptySummary.count == 7)
        #expect(try diagnostics(empty).isEmpty)
    }

    @Test func diagnosticsRoundTripInReportOrder() throws {
        let list = try diagnostics(parse(JSONReport().render(Fixture.report)))
        #expect(list.map { $0["rule"] as? String } == ["yaml-trailing-tab", "kustomize-invalid", "depends-on-missing", "custom-rule"])
        #expect(list.map { $0["severity"] as? String } == ["warning", "error", "error", "info"])
        for entry in list {
            #expect(Set(entry.keys) == ["rule", "severity", "message", "file", "line", "column",
                                        "object", "unit", "related", "fix"])
        }
        let first = list[0]
        #expect(first["file"] as? String == Fixture.unicodePath)
        #expect(first["line"] as? Int == 3)
        #expect(first["column"] as? Int == 10)
        #expect(list[3]["message"] as? String == Fixture.oddMessage)
        #expect(list[3]["file"] as? String == Fixture.oddPath)
    }

    @Test func absentValuesAreExplicitNulls() throws {
        let list = try diagnostics(parse(JSONReport().render(Fixture.report)))
        // custom-rule: no object, unit or fix.
        #expect(list[3]["object"] is NSNull)
        #expect(list[3]["unit"] is NSNull)
        #expect(list[3]["fix"] is NSNull)
        #expect((list[3]["related"] as? [Any])?.isEmpty == true)
        // kustomize-invalid: object without namespace or name.
        let object = try #require(list[1]["object"] as? [String: Any])
        #expect(Set(object.keys) == ["apiVersion", "kind", "namespace", "name"])
        #expect(object["namespace"] is NSNull)
        #expect(object["name"] is NSNull)
        #expect(object["kind"] as? String == "Kustomization")
        // yaml-trailing-tab: object present, unit null.
        #expect(list[0]["unit"] is NSNull)
    }

    @Test func objectUnitRelatedAndFix() throws {
        let entry = try diagnostics(parse(JSONReport().render(Fixture.report)))[2]
        let object = try #require(entry["object"] as? [String: String])
        #expect(object == ["apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
                           "namespace": "flux-system", "name": "apps"])
        let unit = try #require(entry["unit"] as? [String: String])
        #expect(unit == ["kind": "Kustomization", "namespace": "flux-system", "name": "apps"])
        let related = try #require(entry["related"] as? [[String: Any]])
        #expect(related.count == 1)
        #expect(related.first?["file"] as? String == "infra/controllers.yaml")
        #expect(related.first?["line"] as? Int == 3)
        #expect(related.first?["column"] as? Int == 9)
        #expect(related.first?["message"] as? String == "did you mean this one?")
        #expect(entry["fix"] as? String == "rename the dependency to \"infra-controllers\"")
    }

    @Test func byteForByteShape() {
        let text = JSONReport().render(Fixture.report)
        #expect(text.hasPrefix("{\n  \"diagnostics\": [\n    {\n      \"column\": 10,\n"))
        #expect(text.contains("\"message\": \"quote \\\" apostrophe ' <tag> & 100% done, really: yes\\nsecond line\\u0007bell\""))
        #expect(text.contains("flux-system/infra-controller"))  // slashes unescaped
        #expect(text.contains("\"file\": \"apps/café/ünï code.yaml\""))
        #expect(text.contains("\"fix\": null"))
        #expect(text.hasSuffix("}\n"))
        #expect(JSONReport().render(Fixture.emptyReport) == """
            {
              "diagnostics": [],
              "summary": {
                "errors": 0,
                "files": 0,
                "infos": 0,
                "objects": 0,
                "suppressed": 0,
                "units": 0,
                "warnings": 0
              }
            }

            """)
    }
}
