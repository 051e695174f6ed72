extension CEL {
    /// One signature of a function and its implementation. Receiver-style overloads list the
    /// receiver as the first parameter.
    public struct Overload: Sendable {
        public var id: String
        public var isReceiverStyle: Bool
        public var parameters: [CELType]
        public var result: CELType
        /// Names that act as type parameters in `parameters` and `result`.
        public var typeParameters: Set<String>
        /// The last parameter may repeat any number of times, including zero.
        public var isVariadic = false
        /// Receives evaluated arguments (never errors or unknowns: those short-circuit first).
        public var implementation: @Sendable ([Value]) -> Value

        public init(_ id: String, receiverStyle: Bool = false, parameters: [CELType], result: CELType,
                    typeParameters: Set<String> = [], implementation: @escaping @Sendable ([Value]) -> Value) {
            self.id = id
            self.isReceiverStyle = receiverStyle
            self.parameters = parameters
            self.result = result
            self.typeParameters = typeParameters
            self.implementation = implementation
        }

        /// Whether runtime arguments fit the parameter kinds (type parameters match anything).
        func accepts(_ arguments: [Value]) -> Bool {
            if isVariadic, let last = parameters.last {
                guard arguments.count >= parameters.count - 1 else { return false }
                for (i, argument) in arguments.enumerated() where !argument.fits(i < parameters.count ? parameters[i] : last) {
                    return false
                }
                return true
            }
            guard arguments.count == parameters.count else { return false }
            for (argument, parameter) in zip(arguments, parameters) where !argument.fits(parameter) {
                return false
            }
            return true
        }
    }

    /// Declarations an expression is compiled against: variables, functions, container and
    /// limits. Start from `.standard` and register extension libraries on top.
    public struct Environment: Sendable {
        public var variables: [String: CELType] = [:]
        /// Namespace for name resolution (`com.example` lets `y` find `com.example.y`).
        public var container: String = ""
        /// Reject `[1, 'a']` and `{1: 1, 'a': 2}` at check time, as Kubernetes does.
        public var rejectsHeterogeneousAggregates = false
        /// Calls whose literals (at any depth) may mix element types anyway, as cel-go exempts
        /// `format`, whose argument list pairs each clause with its own type.
        public var heterogeneousAggregateExemptFunctions: Set<String> = ["format"]
        /// Evaluation steps allowed per `evaluate` call.
        public var costLimit = 1_000_000
        /// Maximum nesting of the expression tree.
        public var maximumDepth = 250
        private(set) var functions: [String: [Overload]] = [:]
        private(set) var typeNames: [String: CELType] = CELType.denotations

        /// No functions at all; mostly useful for tests.
        public static var empty: Environment { Environment() }

        /// CEL's standard library plus optionals, as Kubernetes enables them.
        public static var standard: Environment {
            var environment = Environment()
            StandardLibrary.register(in: &environment)
            return environment
        }

        public mutating func declare(variable name: String, type: CELType = .dyn) {
            variables[name] = type
        }

        /// Makes a type name usable as a value (`type(x) == kubernetes.Quantity`).
        public mutating func declare(typeNamed name: String, as type: CELType) {
            typeNames[name] = type
        }

        /// Adds overloads to a function (global name such as `quantity` or `sets.contains`, or a
        /// receiver-style name such as `isSorted`). Later registrations are tried first.
        public mutating func add(function name: String, _ overloads: [Overload]) {
            functions[name, default: []].insert(contentsOf: overloads, at: 0)
        }

        /// Convenience for one global overload.
        public mutating func addFunction(_ name: String, id: String? = nil, parameters: [CELType], result: CELType,
                                         typeParameters: Set<String> = [], _ body: @escaping @Sendable ([Value]) -> Value) {
            add(function: name, [Overload(id ?? Self.overloadID(name, parameters), parameters: parameters, result: result,
                                          typeParameters: typeParameters, implementation: body)])
        }

        /// Convenience for one receiver-style overload: `receiver.name(parameters...)`.
        public mutating func addMethod(_ name: String, id: String? = nil, on receiver: CELType, parameters: [CELType] = [],
                                       result: CELType, typeParameters: Set<String> = [], _ body: @escaping @Sendable ([Value]) -> Value) {
            let all = [receiver] + parameters
            add(function: name, [Overload(id ?? Self.overloadID(name, all, receiver: true), receiverStyle: true, parameters: all,
                                          result: result, typeParameters: typeParameters, implementation: body)])
        }

        static func overloadID(_ name: String, _ parameters: [CELType], receiver: Bool = false) -> String {
            (receiver ? "\(parameters.first?.name ?? "")_" : "") + name + "_" + parameters.map(\.name).joined(separator: "_")
        }

        func overloads(of name: String) -> [Overload] { functions[name] ?? [] }

        func hasFunction(_ name: String) -> Bool { functions[name] != nil }

        func typeNamed(_ name: String) -> CELType? { typeNames[name] }

        /// Candidate qualified names for `name` inside the container, most specific first.
        func candidateNames(_ name: String) -> [String] {
            if name.hasPrefix(".") { return [String(name.dropFirst())] }
            guard !container.isEmpty else { return [name] }
            var candidates: [String] = []
            var prefix = Substring(container)
            while true {
                candidates.append("\(prefix).\(name)")
                guard let dot = prefix.lastIndex(of: ".") else { break }
                prefix = prefix[..<dot]
            }
            candidates.append(name)
            return candidates
        }
    }
}

extension CEL.Value {
    /// Whether this runtime value can be passed where `type` is expected.
    func fits(_ type: CELType) -> Bool {
        switch (type, self) {
        case (.dyn, _), (.parameter, _): return true
        case (.null, .null), (.bool, .bool), (.int, .int), (.uint, .uint), (.double, .double),
             (.string, .string), (.bytes, .bytes), (.duration, .duration), (.timestamp, .timestamp),
             (.list, .list), (.map, .map), (.type, .type), (.optional, .optional):
            return true
        case (.opaque(let name, _), .opaque(let value)): return value.typeName == name
        default: return false
        }
    }
}
