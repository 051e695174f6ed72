import Foundation

/// Standard base64 with optional padding on input, as cel-go's encoders accept.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    static func decode(_ text: String) -> [UInt8]? {
        var padded = text
        let remainder = padded.utf8.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { padded += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: padded).map(Array.init)
    }
}

/// cel-go's `ext.Encoders`: `base64.encode(bytes)` and `base64.decode(string)` (padding optional).
enum EncodersExtension {
    static func register(in env: inout CEL.Environment) {
        env.addFunction("base64.encode", parameters: [.bytes], result: .string) { a in
            guard case .bytes(let b) = a[0] else { return .noSuchOverload("base64.encode", a) }
            return .string(Base64.encode(b))
        }
        env.addFunction("base64.decode", parameters: [.string], result: .bytes) { a in
            guard case .string(let s) = a[0] else { return .noSuchOverload("base64.decode", a) }
            guard let bytes = Base64.decode(s) else { return .error("illegal base64 data") }
            return .bytes(bytes)
        }
    }
}
