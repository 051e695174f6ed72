extension CEL {
    /// A CEL map: insertion-ordered entries with a hash index on normalised keys, so that
    /// `{1: 'a'}[1u]` and `{1u: 'a'}[1.0]` find the entry as CEL's numeric equality requires.
    public struct MapValue: Sendable {
        public private(set) var entries: [(key: Value, value: Value)] = []
        private var index: [Key: Int] = [:]

        public init() {}

        public var count: Int { entries.count }
        public var isEmpty: Bool { entries.isEmpty }
        public var keys: [Value] { entries.map(\.key) }

        /// Adds an entry; fails on an unsupported key type (`keyTypeError`) or a repeated key.
        public mutating func insert(_ value: Value, forKey key: Value) throws(EvaluationError) {
            guard let normalized = Key(key) else {
                throw EvaluationError("unsupported key type: \(key.runtimeType.name)")
            }
            guard index[normalized] == nil else {
                throw EvaluationError("Failed with repeated key")
            }
            index[normalized] = entries.count
            entries.append((key, value))
        }

        /// Adds or replaces an entry (used when building from native data).
        mutating func set(_ value: Value, forKey key: Value) {
            guard let normalized = Key(key) else { return }
            if let existing = index[normalized] {
                entries[existing].value = value
            } else {
                index[normalized] = entries.count
                entries.append((key, value))
            }
        }

        /// The value under a key, looking across numeric types; `nil` when absent or when the
        /// key cannot be a map key.
        public subscript(key: Value) -> Value? {
            guard let normalized = Key(lookup: key), let position = index[normalized] else { return nil }
            return entries[position].value
        }

        public subscript(key: String) -> Value? { self[.string(key)] }

        /// Normalised key: ints and uints share one numeric space; strings compare by scalars.
        enum Key: Hashable {
            case bool(Bool)
            case integer(Int64)
            case largeUnsigned(UInt64)
            case string(ExactString)

            init?(_ value: Value) {
                switch value {
                case .bool(let b): self = .bool(b)
                case .int(let i): self = .integer(i)
                case .uint(let u): self = u <= UInt64(Int64.max) ? .integer(Int64(u)) : .largeUnsigned(u)
                case .string(let s): self = .string(ExactString(s))
                default: return nil
                }
            }

            /// Like `init(_:)`, but also maps integral doubles onto the numeric keys.
            init?(lookup value: Value) {
                if case .double(let d) = value {
                    if let i = Int64(exactly: d) {
                        self = .integer(i)
                    } else if let u = UInt64(exactly: d) {
                        self = .largeUnsigned(u)
                    } else {
                        return nil
                    }
                    return
                }
                self.init(value)
            }
        }
    }
}

/// A string that compares and hashes by its Unicode scalars: CEL does not normalise strings,
/// while Swift's `String` equality uses canonical equivalence.
struct ExactString: Hashable, Sendable {
    let value: String

    init(_ value: String) { self.value = value }

    static func == (a: ExactString, b: ExactString) -> Bool {
        a.value.utf8.elementsEqual(b.value.utf8)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(value.utf8.count)
        for byte in value.utf8 { hasher.combine(byte) }
    }
}
