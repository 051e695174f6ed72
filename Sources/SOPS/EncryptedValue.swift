import Foundation

/// A parsed `ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]` value. Holds ciphertext, so it never
/// describes its bytes.
struct EncryptedValue: CustomStringConvertible {
    var data: [UInt8]
    var iv: [UInt8]
    var tag: [UInt8]
    var type: String

    var description: String { "<encrypted \(type) value>" }

    static let prefix = "ENC[AES256_GCM,data:"
    static let knownTypes: Set<String> = ["str", "int", "int64", "float", "bool", "bytes", "comment", "time"]

    enum Problem: Error, Equatable {
        case notSOPSFormat
        case invalidBase64(field: String)
        case emptyIV
        case shortTag
        case unknownType

        var message: String {
            switch self {
            case .notSOPSFormat: "does not match sops' ENC[AES256_GCM,data:…,iv:…,tag:…,type:…] format"
            case .invalidBase64(let field): "its \(field) is not valid base64"
            case .emptyIV: "its iv is empty"
            case .shortTag: "its data and tag hold fewer than the 16 bytes of a GCM tag"
            case .unknownType: "its type is not one sops knows (str, int, float, bool, bytes, comment, time)"
            }
        }
    }

    /// True for text that claims to be a sops value (what sops' parse would even try).
    static func looksEncrypted(_ text: String) -> Bool { text.hasPrefix("ENC[") }

    /// sops' parse: `^ENC\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\]`, anchored at the
    /// start only, `.` not crossing a newline. Greedy groups mean each separator is the last one
    /// that still leaves a match, so the fields are found from the right.
    static func parse(_ text: String) -> Result<EncryptedValue, Problem> {
        let line = Array(text.utf8.prefix { $0 != 0x0A })
        let head = Array(prefix.utf8)
        guard line.count > head.count, Array(line[0..<head.count]) == head else { return .failure(.notSOPSFormat) }
        guard let close = line.lastIndex(of: UInt8(ascii: "]")),
              let typeMark = lastIndex(of: ",type:", in: line, before: close, minimumGap: 1),
              let tagMark = lastIndex(of: ",tag:", in: line, before: typeMark, minimumGap: 1),
              let ivMark = lastIndex(of: ",iv:", in: line, before: tagMark, minimumGap: 1),
              ivMark > head.count else { return .failure(.notSOPSFormat) }
        let fields = (data: line[head.count..<ivMark], iv: line[(ivMark + 4)..<tagMark],
                      tag: line[(tagMark + 5)..<typeMark], type: line[(typeMark + 6)..<close])
        guard let data = decode(fields.data) else { return .failure(.invalidBase64(field: "data")) }
        guard let iv = decode(fields.iv) else { return .failure(.invalidBase64(field: "iv")) }
        guard let tag = decode(fields.tag) else { return .failure(.invalidBase64(field: "tag")) }
        guard !iv.isEmpty else { return .failure(.emptyIV) }
        // Go appends the tag to the data and takes the last 16 bytes as the tag.
        guard data.count + tag.count >= 16 else { return .failure(.shortTag) }
        let type = String(decoding: fields.type, as: UTF8.self)
        guard knownTypes.contains(type) else { return .failure(.unknownType) }
        return .success(EncryptedValue(data: data, iv: iv, tag: tag, type: type))
    }

    /// Data and tag split as Go's GCM does: the last 16 bytes of their concatenation are the tag.
    var ciphertextAndTag: (ciphertext: [UInt8], tag: [UInt8]) {
        let combined = data + tag
        return (Array(combined[..<(combined.count - 16)]), Array(combined[(combined.count - 16)...]))
    }

    private static func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        guard let decoded = Data(base64Encoded: Data(bytes)) else { return nil }
        return [UInt8](decoded)
    }

    /// Last start of `marker` such that at least `minimumGap` bytes separate its end from `limit`.
    private static func lastIndex(of marker: String, in line: [UInt8], before limit: Int, minimumGap: Int) -> Int? {
        let needle = Array(marker.utf8)
        var start = limit - minimumGap - needle.count
        while start >= 0 {
            if Array(line[start..<(start + needle.count)]) == needle { return start }
            start -= 1
        }
        return nil
    }
}
