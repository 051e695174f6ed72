import Diagnostics
import Foundation
import Testing
@testable import Reports

@Suite struct JUnitReportTests {
    @Test func validatesAgainstTheJUnitSchema() throws {
        for report in [Fixture.report, Fixture.emptyReport] {
            let outcome = try ExternalValidator.validateJUnit(JUnitReport().render(report))
            #expect(outcome.passed, "JUnit XML failed schema validation:\n\(outcome.output)")
        }
    }

    @Test func theValidatorRejectsInvalidJUnit() throws {
        let valid = JUnitReport().render(Fixture.report)
        let invalid = valid.replacingOccurrences(of: " errors=\"0\" skipped=", with: " skipped=")
        #expect(invalid != valid)
        let outcome = try ExternalValidator.validateJUnit(invalid)
        #expect(!outcome.passed, "xmllint accepted a testsuite without its required errors attribute")
    }

    @Test func onePassingSuiteWhenClean() throws {
        let xml = JUnitReport().render(Fixture.emptyReport)
        #expect(try ExternalValidator.xpath("count(//testsuite)", in: xml) == "1")
        #expect(try ExternalValidator.xpath("string(//testsuite/@name)", in: xml) == "shipshape")
        #expect(try ExternalValidator.xpath("count(//failure)", in: xml) == "0")
        #expect(xml.contains("<testsuites name=\"shipshape\" tests=\"1\" failures=\"0\" errors=\"0\" time=\"0\">"))
    }

    @Test func oneSuitePerRuleWithCorrectCounts() throws {
        let xml = JUnitReport().render(Fixture.report)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"shipshape\" tests=\"4\" failures=\"3\" errors=\"0\" time=\"0\">\n"))
        let names = try ExternalValidator.xpath("//testsuite/@name", in: xml)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(names == ["name=\"custom-rule\"", "name=\"depends-on-missing\"", "name=\"kustomize-invalid\"", "name=\"yaml-trailing-tab\""])
        #expect(try ExternalValidator.xpath("string(//testsuite[@name='kustomize-invalid']/@failures)", in: xml) == "1")
        #expect(try ExternalValidator.xpath("string(//testsuite[@name='custom-rule']/@failures)", in: xml) == "0")
        #expect(try ExternalValidator.xpath("string(//testsuite[@name='custom-rule']/@tests)", in: xml) == "1")
        #expect(try ExternalValidator.xpath("count(//testcase)", in: xml) == "4")
        #expect(try ExternalValidator.xpath("count(//failure[@type='error'])", in: xml) == "2")
        #expect(try ExternalValidator.xpath("count(//failure[@type='warning'])", in: xml) == "1")
        #expect(try ExternalValidator.xpath("string(//testcase[@classname='depends-on-missing']/@name)", in: xml)
            == "clusters/prod/kustomization.yaml:12:5")
        #expect(try ExternalValidator.xpath("string(//testcase[@classname='yaml-trailing-tab']/@name)", in: xml)
            == "apps/café/ünï code.yaml:3:10")
    }

    @Test func escapesMarkupAndDropsForbiddenCharacters() throws {
        let xml = JUnitReport().render(Fixture.report)
        #expect(!xml.contains("\u{07}"))
        #expect(xml.contains("quote &quot; apostrophe &apos; &lt;tag&gt; &amp; 100% done, really: yes\nsecond linebell"))
        let body = try ExternalValidator.xpath("string(//testsuite[@name='custom-rule']//system-out)", in: xml)
        #expect(body == "odd/a,b:c%d.yaml:2:1: info[custom-rule]: quote \" apostrophe ' <tag> & 100% done, really: yes\nsecond linebell")
        let message = try ExternalValidator.xpath("string(//testcase[@classname='depends-on-missing']/failure/@message)", in: xml)
        #expect(message == Fixture.dependsOnMissing.message)
        #expect(JUnitReport.escape("a\tb\nc\rd\u{0}\u{FFFF}e", attribute: true) == "a&#9;b&#10;c&#13;de")
        #expect(JUnitReport.escape("a\tb\nc", attribute: false) == "a\tb\nc")
    }

    @Test func failureBodyCarriesTheWholeFinding() throws {
        let xml = JUnitReport().render(Fixture.report)
        let body = try ExternalValidator.xpath("string(//testcase[@classname='depends-on-missing']/failure)", in: xml)
        #expect(body == """
            clusters/prod/kustomization.yaml:12:5: error[depends-on-missing]: dependsOn names Kustomization flux-system/infra-controller, which does not exist
            object: Kustomization flux-system/apps (kustomize.toolkit.fluxcd.io/v1)
            unit: Kustomization flux-system/apps
            note: infra/controllers.yaml:3:9: did you mean this one?
            fix: rename the dependency to "infra-controllers"
            """)
    }
}
