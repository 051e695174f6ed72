import Foundation
import Testing
@testable import SOPS

/// One generated vector and its expected verdicts from `generated/manifest.json`.
struct GeneratedCase: Sendable, CustomTestStringConvertible {
    var file: String
    var identity: String?
    var structural: String
    var decrypt: String
    var mac: String?
    var policy: String?
    var ruleIndex: Int?
    var recipientsMatch: Bool?
    var cryptRuleMatch: Bool?
    var decryptWithTestIdentity: String?

    var testDescription: String { file }

    static func manifest() -> [String: Any] {
        guard let bytes = ConformanceFiles.bytes("generated/manifest.json"),
              let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return [:] }
        return object
    }

    static let all: [GeneratedCase] = (manifest()["files"] as? [[String: Any]] ?? []).map { entry in
        GeneratedCase(file: entry["file"] as? String ?? "", identity: entry["identity"] as? String,
                      structural: entry["structural"] as? String ?? "", decrypt: entry["decrypt"] as? String ?? "",
                      mac: entry["mac"] as? String, policy: entry["policy"] as? String,
                      ruleIndex: entry["creation_rule_index"] as? Int,
                      recipientsMatch: entry["creation_rule_recipients_match"] as? Bool,
                      cryptRuleMatch: entry["creation_rule_encrypted_regex_match"] as? Bool,
                      decryptWithTestIdentity: entry["decrypt_with_test_identity"] as? String)
    }
}

struct RuleCase: Sendable, CustomTestStringConvertible {
    var path: String
    var ruleIndex: Int?
    var testDescription: String { path }

    static let all: [RuleCase] = (GeneratedCase.manifest()["creation_rule_cases"] as? [[String: Any]] ?? []).map {
        RuleCase(path: $0["path"] as? String ?? "", ruleIndex: $0["rule_index"] as? Int)
    }
}

/// A real vector from `vectors/` with the key that opens it and the expected verdicts.
struct RealVector: Sendable, CustomTestStringConvertible {
    var file: String
    var key: String
    var format: SOPSFormat? = nil
    var decrypt: String
    var mac: String?
    var structuralCodes: [String] = []

    var testDescription: String { file }

    static let flux = "vectors/fluxcd-kustomize-controller/"
    static let sops = "vectors/getsops-sops/"
    static let all: [RealVector] = [
        RealVector(file: flux + "algorithms_age.yaml", key: flux + "keys_age.txt", decrypt: "ok", mac: "ok"),
        RealVector(file: flux + "patches_merge1.yaml", key: flux + "keys_age.txt", decrypt: "ok", mac: "ok"),
        RealVector(file: flux + "patches_merge2.yaml", key: flux + "keys_age.txt", decrypt: "ok", mac: "ok"),
        RealVector(file: flux + "global_secret.yaml", key: flux + "keys_age-global.txt", decrypt: "ok", mac: "ok"),
        RealVector(file: flux + "files_file.txt", key: flux + "keys_age.txt", format: .json, decrypt: "ok", mac: "ok"),
        // Post-quantum recipients are not implemented: the X25519 key is not a recipient.
        RealVector(file: flux + "algorithms_age-pq.yaml", key: flux + "keys_age.txt", decrypt: "not-verifiable", mac: nil),
        // PGP-only files cannot be opened with an age key: not verifiable, not broken.
        RealVector(file: flux + "algorithms_pgp.yaml", key: flux + "keys_age.txt", decrypt: "not-verifiable", mac: nil),
        RealVector(file: sops + "example.yaml", key: flux + "keys_age.txt", decrypt: "not-verifiable", mac: nil),
        RealVector(file: sops + "example.json", key: flux + "keys_age.txt", decrypt: "not-verifiable", mac: nil),
        RealVector(file: sops + "functional-tests_res_comments.enc.yaml", key: flux + "keys_age.txt", decrypt: "not-verifiable", mac: nil),
        RealVector(file: sops + "functional-tests_res_format.enc.yaml", key: flux + "keys_age.txt", decrypt: "not-verifiable", mac: nil),
        RealVector(file: sops + "functional-tests_res_multiple_keys.yaml", key: flux + "keys_age.txt", decrypt: "not-verifiable", mac: nil),
        // No MAC at all: found without a key; with a key sops would fail with "no MAC".
        RealVector(file: sops + "functional-tests_res_no_mac.yaml", key: flux + "keys_age.txt", decrypt: "not-verifiable", mac: nil,
                   structuralCodes: ["missing-mac"]),
    ]
}

/// Collects one line per vector and prints the table once all cases of a suite ran.
actor VerdictTable {
    static let shared = VerdictTable()
    private var rows: [String] = []

    func add(_ row: String) { rows.append(row) }

    func render() -> String {
        (["file | structural | decrypt | mac | rule"] + rows.sorted()).joined(separator: "\n")
    }
}

@Suite(.serialized) struct SOPSConformanceTests {
    static let testIdentity = "keys/test-identity.agekey"

    @Test func conformanceMaterialIsPresent() {
        #expect(ConformanceFiles.root != nil, "set SHIPSHAPE_SOPS_CASES or provide ../shared/conformance/sops")
        #expect(GeneratedCase.all.count >= 13)
        #expect(RuleCase.all.count >= 7)
    }

    @Test(arguments: GeneratedCase.all)
    func generatedVector(_ vector: GeneratedCase) async throws {
        let file = try #require(ConformanceFiles.file("generated/" + vector.file))
        let findings = file.check()
        let structural = findings.filter { !$0.code.isPolicy }.map(\.summary)
        #expect((structural.isEmpty ? ["ok"] : structural) == [vector.structural])
        let policy = findings.filter(\.code.isPolicy)
        if vector.policy != nil {
            #expect(policy.contains { $0.code == .encryptedKubernetesField && $0.path == "apiVersion" })
            #expect(policy.contains { $0.code == .encryptedKubernetesField && $0.path == "kind" })
        } else {
            #expect(policy.isEmpty, "unexpected policy findings: \(policy.map(\.summary))")
        }

        let identities = vector.identity.map { ConformanceFiles.identities("generated/" + $0) } ?? ConformanceFiles.identities("generated/" + Self.testIdentity)
        #expect(!identities.isEmpty)
        let verification = SOPSVerifier(identities: identities).verify(file)
        #expect(verification.decrypt.name == vector.decrypt)
        #expect(verification.mac?.name == vector.mac)

        if vector.decryptWithTestIdentity != nil {
            let other = SOPSVerifier(identities: ConformanceFiles.identities("generated/" + Self.testIdentity)).verify(file)
            // Not a recipient: reported as not verifiable, not as broken.
            #expect(other.decrypt.name == "not-verifiable")
        }

        let rules = try SOPSCreationRules(parsing: try #require(ConformanceFiles.bytes("generated/.sops.yaml")), path: "generated/.sops.yaml")
        let relative = rules.relativePath(of: "generated/" + vector.file)
        #expect(relative == vector.file)
        let match = rules.match(file, relativePath: relative)
        #expect(match.ruleIndex == vector.ruleIndex)
        if vector.ruleIndex != nil {
            #expect(match.recipientsMatch == vector.recipientsMatch)
            #expect(match.cryptRuleMatch == vector.cryptRuleMatch)
        }
        await VerdictTable.shared.add("\(vector.file) | \(structural.isEmpty ? "ok" : structural.joined(separator: ", "))"
            + " | \(verification.decrypt.name) | \(verification.mac?.name ?? "-") | \(match.ruleIndex.map(String.init) ?? "-")")
    }

    @Test(arguments: RuleCase.all)
    func creationRuleCase(_ rule: RuleCase) throws {
        let rules = try SOPSCreationRules(parsing: try #require(ConformanceFiles.bytes("generated/.sops.yaml")), path: ".sops.yaml")
        let found = try rules.firstMatch(for: rule.path).get()
        #expect(found?.index == rule.ruleIndex)
    }

    @Test(arguments: RealVector.all)
    func realVector(_ vector: RealVector) async throws {
        let file = try #require(ConformanceFiles.file(vector.file, format: vector.format))
        #expect(file.isEncrypted)
        let structural = file.check().filter { !$0.code.isPolicy && $0.severity > .info }.map(\.code.rawValue)
        #expect(structural == vector.structuralCodes)
        let verification = SOPSVerifier(identities: ConformanceFiles.identities(vector.key)).verify(file)
        #expect(verification.decrypt.name == vector.decrypt)
        #expect(verification.mac?.name == vector.mac)
        #expect(!verification.findings.contains { $0.severity > .info })
        await VerdictTable.shared.add("\(vector.file) | \(structural.isEmpty ? "ok" : structural.joined(separator: ", "))"
            + " | \(verification.decrypt.name) | \(verification.mac?.name ?? "-") | -")
    }

    /// Flux decrypts a Secret `data` value that is a whole base64-encoded SOPS JSON document.
    @Test func secretDataHoldingASOPSDocument() throws {
        let outer = try #require(ConformanceFiles.file(RealVector.flux + "inside_secret.yaml"))
        #expect(!outer.isEncrypted)
        let encoded = try #require(outer.documents.first?["data"]?["key"]?.text)
        let inner = try SOPSFile(parsing: [UInt8](try #require(Data(base64Encoded: encoded))), path: "inside_secret.yaml#data.key", format: .json)
        #expect(inner.isEncrypted)
        #expect(inner.check().filter { $0.severity > .info }.isEmpty)
        let verification = SOPSVerifier(identities: ConformanceFiles.identities(RealVector.flux + "keys_age.txt")).verify(inner)
        #expect(verification.decrypt == .ok)
        #expect(verification.mac == .ok)
    }

    /// The age vector from sops' own tests: an armored file whose plaintext is `data`.
    @Test func ageKeysourceMockVector() throws {
        let identities = ConformanceFiles.identities(RealVector.sops + "age_keysource_test_mockIdentity.agekey")
        #expect(identities.count == 1)
        let armored = try #require(ConformanceFiles.text(RealVector.sops + "age_keysource_test_mockEncryptedKey.age"))
        guard case .decrypted(var plaintext) = AgeDecryptor.decrypt(armored, identities: identities) else {
            Issue.record("the mock age file does not open")
            return
        }
        defer { plaintext.zeroize() }
        #expect(digest(plaintext) == digest(Array("data".utf8)))
        let stranger = ConformanceFiles.identities("generated/keys/other-identity.agekey")
        guard case .noMatchingIdentity = AgeDecryptor.decrypt(armored, identities: stranger) else {
            Issue.record("a foreign identity must not open the file")
            return
        }
    }

    @Test func realCreationRulesParse() throws {
        let flux = try SOPSCreationRules(parsing: try #require(ConformanceFiles.bytes(RealVector.flux + "dot-sops.yaml")), path: "dot-sops.yaml")
        #expect(flux.rules.count == 5)
        #expect(try flux.firstMatch(for: "inside.yaml").get()?.index == 0)
        #expect(try flux.firstMatch(for: "data/json.yaml").get()?.index == 1)
        #expect(try flux.firstMatch(for: "algorithms/age.yaml").get()?.index == 2)
        #expect(try flux.firstMatch(for: "envs/env.env").get()?.index == 3)
        #expect(try flux.firstMatch(for: "anything.bin").get()?.index == 4)
        #expect(flux.rules[4].keyGroups.count == 2)
        #expect(flux.rules[2].cryptRule == .encryptedRegex("^(data|stringData)$"))
        let age = try #require(ConformanceFiles.file(RealVector.flux + "algorithms_age.yaml"))
        let match = flux.match(age, relativePath: "algorithms/age.yaml")
        #expect(match.recipientsMatch == true)
        #expect(match.cryptRuleMatch == true)
        let functional = try SOPSCreationRules(parsing: try #require(ConformanceFiles.bytes(RealVector.sops + "functional-tests_dot-sops.yaml")), path: ".sops.yaml")
        #expect(!functional.rules.isEmpty)
    }

    @Test func printVerdictTable() async {
        // Runs last in this serialized suite; the table is informational.
        print(await VerdictTable.shared.render())
    }
}
