import Diagnostics
import Lint
import Testing

struct ConfigurationTests {
    @Test func parsesEverySection() throws {
        let text = """
        exclude: ["archive/**"]
        rules:
          secret-plaintext: warning
          depends-on-cycle: off
        sources:
          GitRepository/tenants: tenants
        repositoryURLs: [https://github.com/org/fleet]
        """
        let config = try Configuration.parse(Array(text.utf8))
        #expect(config.exclude == ["archive/**"])
        #expect(config.severity(for: .plaintextSecret, default: .error) == .warning)
        #expect(config.severity(for: .dependsOnCycle, default: .error) == nil)
        #expect(!config.isEnabled(.dependsOnCycle))
        #expect(config.sources["GitRepository/tenants"] == "tenants")
        #expect(config.repositoryURLs == ["https://github.com/org/fleet"])
    }

    @Test func unknownRulesAndKeysAreErrorsWithPositions() {
        #expect(throws: Configuration.Error.invalid(file: ".shipshape.yaml", line: 2, column: 3,
                                                    message: "unknown rule \"secret-plaintxt\"; `shipshape rules` lists them")) {
            try Configuration.parse(Array("rules:\n  secret-plaintxt: off\n".utf8))
        }
        #expect(throws: Configuration.Error.self) { try Configuration.parse(Array("exlude: [a]\n".utf8)) }
        #expect(throws: Configuration.Error.self) { try Configuration.parse(Array("rules:\n  secret-plaintext: fatal\n".utf8)) }
    }
}
