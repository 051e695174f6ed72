import Diagnostics
import Foundation
import Testing
@testable import Reports

@Suite struct SARIFReportTests {
    func run(_ report: LintReport) throws -> [String: Any] {
        let root = try #require(JSONSerialization.jsonObject(with: Data(SARIFReport().render(report).utf8)) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        #expect(root["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let runs = try #require(root["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        return try #require(runs.first)
    }

    @Test func validatesAgainstTheSARIFSchema() throws {
        for report in [Fixture.report, Fixture.emptyReport] {
            let outcome = try ExternalValidator.validateSARIF(SARIFReport().render(report))
            #expect(outcome.passed, "SARIF failed schema validation:\n\(outcome.output)")
        }
    }

    @Test func theValidatorRejectsInvalidSARIF() throws {
        let valid = SARIFReport().render(Fixture.report)
        let invalid = valid.replacingOccurrences(of: "\"level\": \"note\"", with: "\"level\": \"fatal\"")
        #expect(invalid != valid)
        let outcome = try ExternalValidator.validateSARIF(invalid)
        #expect(!outcome.passed, "jsonschema accepted an invalid SARIF level")
    }

    @Test func driverListsEveryRuleSortedById() throws {
        let driver = try #require((run(Fixture.report)["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "shipshape")
        #expect(driver["version"] as? String == "9.8.7")
        #expect(driver["informationUri"] as? String == "https://github.com/shipshape-dev/shipshape")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids == RuleCatalog.all.map(\.id.rawValue).sorted())
        let rule = try #require(rules.first { $0["id"] as? String == "depends-on-missing" })
        #expect(rule["name"] as? String == "DependsOnMissing")
        #expect((rule["shortDescription"] as? [String: String])?["text"] == RuleID.dependsOnMissing.descriptor?.summary)
        #expect((rule["help"] as? [String: String])?["text"] == RuleID.dependsOnMissing.descriptor?.help)
        #expect((rule["defaultConfiguration"] as? [String: String])?["level"] == "error")
        #expect((rule["properties"] as? [String: Any])?["category"] as? String == "units")
        let info = try #require(rules.first { $0["id"] as? String == "yaml-template" })
        #expect((info["defaultConfiguration"] as? [String: String])?["level"] == "note")
    }

    @Test func resultsPointAtRulesLocationsAndFingerprints() throws {
        let run = try run(Fixture.report)
        let rules = try #require((run["tool"] as? [String: Any]).flatMap { $0["driver"] as? [String: Any] }?["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["level"] as? String } == ["warning", "error", "error", "note"])
        for result in results {
            guard let index = result["ruleIndex"] as? Int else {
                #expect(result["ruleId"] as? String == "custom-rule")  // unknown rule: no index
                continue
            }
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            let fingerprint = (result["partialFingerprints"] as? [String: String])?["shipshape/v1"] ?? ""
            #expect(fingerprint.count == 16 && fingerprint.allSatisfy(\.isHexDigit))
        }
        let location = try #require((results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let artifact = try #require(location["artifactLocation"] as? [String: String])
        #expect(artifact == ["uri": "apps/caf%C3%A9/%C3%BCn%C3%AF%20code.yaml", "uriBaseId": "%SRCROOT%"])
        #expect(location["region"] as? [String: Int] == ["startLine": 3, "startColumn": 10])
        #expect((results[3]["locations"] as? [[String: Any]])?.first.flatMap {
            (($0["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: String])?["uri"]
        } == "odd/a%2Cb%3Ac%25d.yaml")
    }

    @Test func messagesFixesRelatedLocationsAndProperties() throws {
        let results = try #require(run(Fixture.report)["results"] as? [[String: Any]])
        let missing = results[2]
        #expect((missing["message"] as? [String: String])?["text"] == Fixture.dependsOnMissing.message
            + " Fix: rename the dependency to \"infra-controllers\"")
        let related = try #require(missing["relatedLocations"] as? [[String: Any]])
        #expect(related.count == 1)
        #expect(related.first?["id"] as? Int == 1)
        #expect((related.first?["message"] as? [String: String])?["text"] == "did you mean this one?")
        let properties = try #require(missing["properties"] as? [String: [String: String]])
        #expect(properties["object"]?["name"] == "apps")
        #expect(properties["unit"] == ["kind": "Kustomization", "namespace": "flux-system", "name": "apps"])
        #expect(results[3]["properties"] == nil)
        #expect(results[3]["relatedLocations"] == nil)
        #expect((results[3]["message"] as? [String: String])?["text"] == Fixture.oddMessage)
    }

    @Test func fingerprintIgnoresTheLine() throws {
        var moved = Fixture.dependsOnMissing
        moved.location.line += 30
        let reports = [Fixture.dependsOnMissing, moved].map {
            SARIFReport().render(LintReport(diagnostics: [$0], summary: LintSummary()))
        }
        let prints = try reports.map { text -> String in
            let root = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let result = try #require(((root["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first)
            return try #require((result["partialFingerprints"] as? [String: String])?["shipshape/v1"])
        }
        #expect(prints[0] == prints[1])
        #expect(prints[0] == ReportText.fnv1a64(Fixture.dependsOnMissing.fingerprint))
    }
}
