import Testing
@testable import SOPS

@Suite struct SOPSStructureTests {
    static let enc = "ENC[AES256_GCM,data:scSS6zXvDQmc5FEbdzsx5g==,iv:edDP+29t4G2f8uwKREr+5ospOmXD5fe9cWApa4VRhnY=,tag:G8Jn3XCd4ig7I6UhxtjQ+w==,type:str]"
    static let sops = """
    sops:
      age:
        - recipient: age10q4htaqjpm9jgxnlt9fp6wfjp00jff5cfugwy2zt7faqwkt8du3qq4uasy
          enc: x
      lastmodified: "2026-11-21T15:42:35Z"
      mac: \(enc)
    """

    func codes(_ yaml: String, path: String = "f.yaml") throws -> [String] {
        try SOPSFile(parsing: Array(yaml.utf8), path: path).check().map(\.summary)
    }

    @Test func defaultRuleRequiresEveryValueEncrypted() throws {
        let yaml = "a: \(Self.enc)\nb_unencrypted: clear\nc: \"\"\nd: ~\ne: 3\nlist:\n  - \(Self.enc)\n  - plain\n" + Self.sops + "\n"
        #expect(try codes(yaml) == ["plaintext-at-encrypted-path: e", "plaintext-at-encrypted-path: list[1]"])
    }

    @Test func encryptedRegexIsUnanchoredAndAppliesToAncestors() throws {
        let yaml = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  k: \(Self.enc)\n  nested:\n    deep: oops\n"
            + Self.sops + "\n  encrypted_regex: data\n"
        // `data` also matches `metadata` without anchors, so metadata:name must be encrypted too.
        #expect(try codes(yaml) == ["plaintext-at-encrypted-path: metadata:name", "plaintext-at-encrypted-path: data:nested:deep"])
    }

    @Test func metadataProblems() throws {
        let noMAC = "a: \(Self.enc)\nsops:\n  age:\n    - recipient: age1x\n      enc: x\n  encrypted_regex: a\n  unencrypted_suffix: _u\n"
        #expect(try codes(noMAC) == ["multiple-crypt-rules: sops", "missing-mac: sops:mac", "missing-lastmodified: sops:lastmodified"])
        let noKeys = "a: \(Self.enc)\nsops:\n  lastmodified: \"yesterday\"\n  mac: \(Self.enc)\n"
        #expect(try codes(noKeys) == ["invalid-lastmodified: sops:lastmodified", "no-recipients: sops"])
        let badRegex = "a: \(Self.enc)\n" + Self.sops + "\n  encrypted_regex: \"(\"\n"
        #expect(try codes(badRegex) == ["invalid-crypt-rule"])
    }

    @Test func documentsAndKeys() throws {
        let yaml = "a: \(Self.enc)\n1: \(Self.enc)\n" + Self.sops + "\n---\nb: \(Self.enc)\n---\n- \(Self.enc)\n"
        #expect(try codes(yaml) == ["non-string-key: 1", "document-without-sops-metadata", "unsupported-document"])
    }

    @Test func malformedAndMisplacedCiphertext() throws {
        let yaml = "a: ENC[AES256_GCM,data:zz,iv:,tag:x,type:str]\nb_unencrypted: \(Self.enc)\n" + Self.sops + "\n"
        #expect(try codes(yaml) == ["malformed-encrypted-value: a", "ciphertext-at-unencrypted-path: b_unencrypted"])
    }

    @Test func kubernetesPolicy() throws {
        let encryptedKind = "apiVersion: \(Self.enc)\nkind: \(Self.enc)\nmetadata:\n  name: \(Self.enc)\n" + Self.sops + "\n"
        #expect(try codes(encryptedKind) == ["encrypted-kubernetes-field: apiVersion", "encrypted-kubernetes-field: kind",
                                              "encrypted-kubernetes-field: metadata:name"])
        let clearData = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  token: c2VjcmV0\n  password: \(Self.enc)\n"
            + Self.sops + "\n  encrypted_regex: ^password$\n"
        #expect(try codes(clearData) == ["plaintext-secret-data: data:token"])
    }

    @Test func findingsCarryPositionsNotValues() throws {
        let yaml = "apiVersion: v1\nkind: Secret\ndata:\n  k: hunter2-plaintext\n" + Self.sops + "\n  encrypted_regex: ^data$\n"
        let finding = try #require(try SOPSFile(parsing: Array(yaml.utf8), path: "s.yaml").check().first)
        #expect(finding.origin?.line == 4)
        #expect(finding.origin?.column == 6)
        #expect(!finding.description.contains("hunter2"))
    }

    @Test func plainFilesAreNotEncrypted() throws {
        let file = try SOPSFile(parsing: Array("a: b\nsopsy: 1\n".utf8), path: "p.yaml")
        #expect(!file.isEncrypted)
        #expect(file.check().map(\.summary) == ["no-sops-metadata"])
        #expect(throws: SOPSError.self) { try SOPSFile(parsing: Array("a: [\n".utf8), path: "bad.yaml") }
    }
}
