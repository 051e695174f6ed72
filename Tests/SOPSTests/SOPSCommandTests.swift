import Crypto
import Foundation
import Testing
@testable import SOPS

/// `shipshape sops check|verify` and `lint --age-key` through the built binary: verdicts per
/// conformance vector, exit statuses, and not one decrypted value or ciphertext in any format.
@Suite struct SOPSCommandTests {
    static let binary: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/.build/debug/shipshape"
    }()

    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    private var generated: String? { ConformanceFiles.root.map { $0 + "/generated" } }

    /// (file, rule) pairs of a JSON report.
    private func findings(_ json: String) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let diagnostics = object?["diagnostics"] as? [[String: Any]] ?? []
        return Set(diagnostics.map { "\($0["file"] as? String ?? "") \($0["rule"] as? String ?? "")" })
    }

    @Test func verdictsFollowTheManifest() throws {
        let directory = try #require(generated, "conformance vectors not found")
        let key = directory + "/keys/test-identity.agekey"
        let checked = try run(["sops", "check", directory, "--format", "json"])
        #expect(checked.status == 1)
        #expect(try findings(checked.output) == [
            "secret-default-rules.enc.yaml sops-kubernetes-fields-encrypted",
            "secret-partial-plaintext.enc.yaml sops-plaintext-value",
            "secret-wrong-recipient.enc.yaml sops-creation-rule-mismatch",
        ])
        let verified = try run(["sops", "verify", "--age-key", key, directory, "--format", "json"])
        #expect(verified.status == 1)
        let found = try findings(verified.output)
        for name in ["secret-tampered-namespace", "secret-tampered-reencrypted", "secret-tampered-ciphertext", "secret-swapped-values"] {
            #expect(found.contains("\(name).enc.yaml sops-verification-failed"), "\(name)")
        }
        #expect(found.contains("secret-wrong-recipient.enc.yaml sops-not-verifiable"))
        for name in ["secret-valid", "secret-with-comments", "secret-mac-only-encrypted", "secret-mac-only-encrypted-renamed", "multi-doc"] {
            #expect(!found.contains { $0.hasPrefix("\(name).enc.yaml ") }, "\(name) must verify clean")
        }
        let clean = try run(["sops", "verify", "--age-key", key, directory + "/secret-valid.enc.yaml", directory + "/multi-doc.enc.yaml"])
        #expect(clean.status == 0, "\(clean.output)")
        let other = try run(["sops", "verify", "--age-key", directory + "/keys/other-identity.agekey", directory + "/secret-wrong-recipient.enc.yaml"])
        #expect(other.status == 1, "decrypts, but its recipients differ from the creation rule")
        #expect(!other.output.contains("sops-verification-failed"))
    }

    @Test func usageErrorsExitTwo() throws {
        let directory = try #require(generated)
        let noKey = try run(["sops", "verify", directory])
        #expect(noKey.status == 2 || ProcessInfo.processInfo.environment["SOPS_AGE_KEY_FILE"] != nil)
        #expect(try run(["sops", "check", directory, "--format", "junit"]).status == 2)
        #expect(try run(["sops", "check", directory + "/does-not-exist"]).status == 2)
        #expect(try run(["sops", "verify", "--age-key", directory + "/manifest.json", directory]).status == 2)
    }

    @Test func noDecryptedValueOrCiphertextInAnyFormat() throws {
        let directory = try #require(generated)
        let key = directory + "/keys/test-identity.agekey"
        let identities = ConformanceFiles.identities("generated/keys/test-identity.agekey")
            + ConformanceFiles.identities("generated/keys/other-identity.agekey")
        var sensitive: Set<String> = []
        for name in SOPSSecrecyTests.generated {
            let file = try #require(ConformanceFiles.file("generated/" + name))
            var dataKey: SymmetricKey?
            if let metadata = file.metadata, case .key(let recovered) = DataKeyRecovery(identities: identities).recover(metadata) {
                dataKey = recovered
            }
            sensitive.formUnion(SOPSSecrecyTests().sensitiveStrings(file, key: dataKey))
        }
        // Values committed in clear elsewhere (a kind, a name that one vector encrypts and
        // another does not) are not secrets; everything else decrypted or encrypted is.
        let clearTexts = SOPSSecrecyTests.generated.compactMap { ConformanceFiles.text("generated/" + $0) }
        sensitive = sensitive.filter { value in value.hasPrefix("ENC[") || !clearTexts.contains { $0.contains(": " + value + "\n") } }
        #expect(sensitive.count > 40)
        var outputs: [String] = []
        for format in ["text", "json", "sarif"] {
            outputs.append(try run(["sops", "verify", "--age-key", key, directory, "--format", format, "--color"]).output)
        }
        for format in ["text", "json", "sarif", "junit", "github"] {
            outputs.append(try run(["lint", directory, "--age-key", key, "--format", format]).output)
        }
        #expect(outputs.allSatisfy { !$0.isEmpty })
        let leaks = outputs.reduce(0) { count, output in count + sensitive.filter { output.contains($0) }.count }
        // Only the count is reported: a failure must not print what leaked.
        #expect(leaks == 0, "\(leaks) sensitive string(s) appear in command output")
    }
}
