import Foundation

extension CEL.Value {
    /// A problem with typed-value JSON input.
    public struct JSONError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Nesting beyond this is rejected so untrusted input cannot exhaust the stack.
    static let maximumDataDepth = 200

    /// Decodes the typed-value JSON of the conformance suite: `{"int":"5"}`, `{"uint":"5"}`,
    /// `{"double":1.5}`, `{"list":[...]}`, `{"map":[[k,v],...]}`, `{"type":"int"}`...
    /// `json` is what `JSONSerialization` produces.
    public init(typedJSON json: Any) throws(JSONError) {
        self = try Self.decode(json, depth: 0)
    }

    /// Decodes typed-value JSON text.
    public init(typedJSONText text: String) throws(JSONError) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            throw JSONError(message: "invalid JSON: \(error.localizedDescription)")
        }
        try self.init(typedJSON: object)
    }

    private static func decode(_ json: Any, depth: Int) throws(JSONError) -> CEL.Value {
        guard depth < maximumDataDepth else { throw JSONError(message: "value nested too deeply") }
        guard let object = json as? [String: Any], object.count == 1, let (tag, payload) = object.first else {
            throw JSONError(message: "a typed value is an object with exactly one key")
        }
        switch tag {
        case "null": return .null
        case "bool":
            guard let b = payload as? Bool else { throw JSONError(message: "bool expects true or false") }
            return .bool(b)
        case "int":
            guard let text = payload as? String, let i = Int64(text) else { throw JSONError(message: "int expects a decimal string") }
            return .int(i)
        case "uint":
            guard let text = payload as? String, let u = UInt64(text) else { throw JSONError(message: "uint expects a decimal string") }
            return .uint(u)
        case "double":
            if let text = payload as? String {
                switch text {
                case "NaN": return .double(.nan)
                case "Infinity": return .double(.infinity)
                case "-Infinity": return .double(-.infinity)
                default:
                    guard let d = Double(text) else { throw JSONError(message: "invalid double") }
                    return .double(d)
                }
            }
            guard let number = payload as? NSNumber else { throw JSONError(message: "double expects a number") }
            return .double(number.doubleValue)
        case "string":
            guard let s = payload as? String else { throw JSONError(message: "string expects a string") }
            return .string(s)
        case "bytes":
            guard let s = payload as? String, let data = Data(base64Encoded: s) else { throw JSONError(message: "bytes expects base64") }
            return .bytes(Array(data))
        case "list":
            guard let items = payload as? [Any] else { throw JSONError(message: "list expects an array") }
            var values: [CEL.Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try decode(item, depth: depth + 1)) }
            return .list(values)
        case "map":
            guard let pairs = payload as? [Any] else { throw JSONError(message: "map expects an array of pairs") }
            var map = CEL.MapValue()
            for pair in pairs {
                guard let kv = pair as? [Any], kv.count == 2 else { throw JSONError(message: "map entries are [key, value] pairs") }
                let key = try decode(kv[0], depth: depth + 1)
                let value = try decode(kv[1], depth: depth + 1)
                do {
                    try map.insert(value, forKey: key)
                } catch {
                    throw JSONError(message: error.message)
                }
            }
            return .map(map)
        case "type":
            guard let name = payload as? String else { throw JSONError(message: "type expects a name") }
            return .type(CELType(parsing: name) ?? .opaque(name, []))
        default:
            throw JSONError(message: "unsupported typed value '\(tag)'")
        }
    }

    /// The typed-value JSON object (for `JSONSerialization`), the inverse of `init(typedJSON:)`.
    /// Errors become `{"error": message}`, unknowns `{"unknown": [ids]}`.
    public var typedJSON: Any {
        switch self {
        case .null: return ["null": NSNull()]
        case .bool(let b): return ["bool": b]
        case .int(let i): return ["int": String(i)]
        case .uint(let u): return ["uint": String(u)]
        case .double(let d):
            if d.isNaN { return ["double": "NaN"] }
            if d.isInfinite { return ["double": d > 0 ? "Infinity" : "-Infinity"] }
            return ["double": d]
        case .string(let s): return ["string": s]
        case .bytes(let b): return ["bytes": Data(b).base64EncodedString()]
        case .list(let items): return ["list": items.map(\.typedJSON)]
        case .map(let map): return ["map": map.entries.map { [$0.key.typedJSON, $0.value.typedJSON] }]
        case .type(let t): return ["type": t.name]
        case .duration(let d): return ["duration": d.text]
        case .timestamp(let t): return ["timestamp": t.text]
        case .optional(let o): return ["optional": o.map { $0.typedJSON } ?? NSNull()]
        case .error(let e): return ["error": e.message]
        case .unknown(let ids): return ["unknown": ids.sorted().map(String.init)]
        case .opaque(let o): return ["object": ["type": o.typeName, "text": o.description]]
        }
    }

    /// `typedJSON` serialised as compact JSON text with sorted keys.
    public var typedJSONText: String {
        guard let data = try? JSONSerialization.data(withJSONObject: typedJSON, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes]) else {
            return "null"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
