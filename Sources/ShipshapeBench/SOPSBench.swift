import Foundation
import SOPS

/// SOPS verification with a key: unwrap, decrypt every value, MAC. Files per second over the
/// conformance vectors that the test identity opens, repeated until a second has passed.
enum SOPSBench {
    static func run(vectors directory: String) throws {
        let keyText = try String(contentsOfFile: directory + "/keys/test-identity.agekey", encoding: .utf8)
        let identities = try AgeIdentity.parse(keyText)
        var files: [SOPSFile] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() where name.hasSuffix(".enc.yaml") {
            guard let data = FileManager.default.contents(atPath: directory + "/" + name),
                  let file = try? SOPSFile(parsing: [UInt8](data), path: name), file.isEncrypted else { continue }
            files.append(file)
        }
        let verifier = SOPSVerifier(identities: identities)
        var verified = 0
        var clean = 0
        let start = Bench.now()
        repeat {
            for result in verifier.verify(files) {
                verified += 1
                if result.isClean { clean += 1 }
            }
        } while Bench.now() - start < 1
        let elapsed = Bench.now() - start
        print("  sops verify: \(files.count) vectors, \(verified) verifications in \(String(format1: elapsed * 1000)) ms:"
              + " \(Int(Double(verified) / elapsed)) files/s (\(clean * files.count / max(verified, 1)) of \(files.count) clean per pass)")
    }
}
