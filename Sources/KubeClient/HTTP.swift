/// One HTTP exchange with the API server, independent of libcurl so retry and API logic can be
/// tested against a fake transport.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// Path and query relative to the server URL, e.g. `/api/v1/namespaces/a/configmaps/b`.
    public var path: String
    public var headers: [Header]
    public var body: [UInt8]?
    /// A client certificate for this request (kubeconfig's, or one from an exec plugin).
    public var identity: ClientIdentity?

    public init(method: String, path: String, headers: [Header] = [], body: [UInt8]? = nil, identity: ClientIdentity? = nil) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.identity = identity
    }

    /// `GET /api/v1/...`: what errors and logs show (the query never carries secrets; headers may).
    public var summary: String { "\(method) \(path)" }
}

public struct Header: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) { self.name = name; self.value = value }
}

public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    /// Header names are lower-cased.
    public var headers: [Header]
    public var body: [UInt8]

    public init(status: Int, headers: [Header] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers.map { Header($0.name.lowercased(), $0.value) }
        self.body = body
    }

    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }

    /// `Retry-After` in whole seconds (the form the API server sends); HTTP dates are ignored.
    public var retryAfterSeconds: Int? {
        guard let value = header("retry-after")?.trimmingWhitespace, let seconds = Int(value), seconds >= 0 else { return nil }
        return seconds
    }
}

/// A request that got no HTTP response.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Refused, unreachable or unresolvable: nothing was sent.
        case connect
        case timeout
        /// The connection dropped mid-exchange (reset, empty reply, broken HTTP/2 stream).
        case reset
        case tls
        case responseTooLarge
        case other
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// Sends requests. Implementations must be safe to call from many threads at once.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" || first == "\r" || first == "\n" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" || last == "\n" { scalars.removeLast() }
        return String(scalars)
    }
}
