/// A failed API call: what was asked, what the server (or the network) answered, and how many
/// attempts were made. Holds no headers or bodies of requests, so no credential can leak through it.
public struct KubeError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case notFound, conflict, fieldConflict, invalid, badRequest, gone
        /// 401 or 403: the server did not accept who we are (or we sent no credentials).
        case unauthorized, forbidden
        case tooManyRequests, serverError
        /// The server refused an object because a field is not in the CRD's schema. Some versions
        /// answer this with HTTP 500 (an open upstream bug); it is permanent, so never retried.
        case schemaRejected
        /// No response: refused, reset, timed out, TLS failure.
        case transport
        /// The kind is not served by this cluster (discovery has no mapping for it).
        case unknownKind
        /// `waitFor` reached its deadline.
        case timeout
        case credentials, decoding, other
    }

    public var kind: Kind
    /// `PATCH /apis/apps/v1/namespaces/a/deployments/b` (path and query only).
    public var request: String
    public var httpStatus: Int?
    /// The decoded `Status` when the server sent one.
    public var status: APIStatus?
    /// The server's message, a plain-text body, or the transport's explanation.
    public var message: String
    public var transport: TransportError.Kind?
    public var attempts: Int

    public init(kind: Kind, request: String, httpStatus: Int? = nil, status: APIStatus? = nil, message: String,
                transport: TransportError.Kind? = nil, attempts: Int = 1) {
        self.kind = kind
        self.request = request
        self.httpStatus = httpStatus
        self.status = status
        self.message = message
        self.transport = transport
        self.attempts = attempts
    }

    public var fieldConflicts: [FieldConflict] { status?.fieldConflicts ?? [] }

    /// True for 422 errors about immutable fields (the executor recreates only when allowed).
    public var isImmutableField: Bool {
        kind == .invalid && (message.contains("field is immutable") || status?.causes.contains { $0.message.contains("immutable") } == true)
    }

    public var description: String {
        var text = request.isEmpty ? "" : "\(request): "
        switch kind {
        case .unauthorized, .forbidden:
            text += "unauthorized/forbidden (HTTP \(httpStatus ?? 0)): \(message)"
            if status == nil || message.contains("system:anonymous") {
                text += " (were credentials sent? check the kubeconfig user)"
            }
        case .fieldConflict:
            text += "field ownership conflict: " + fieldConflicts.map(\.description).joined(separator: "; ")
            if fieldConflicts.isEmpty { text += message }
        case .schemaRejected:
            text += "the server rejected a field not in the resource's schema: \(message)"
        default:
            if let httpStatus { text += "HTTP \(httpStatus)" + (status.map { $0.reason.isEmpty ? "" : " \($0.reason)" } ?? "") + ": " }
            text += message
        }
        if attempts > 1 { text += " (after \(attempts) attempts)" }
        return text
    }

    /// Classifies a non-2xx response, keeping the server's Status or its plain-text body.
    public static func from(response: HTTPResponse, request: String) -> KubeError {
        let status = APIStatus(body: response.body)
        let code = response.status
        let message = status?.message ?? plainText(response.body, code: code)
        let reason = status?.reason ?? ""
        let kind: Kind
        switch code {
        case 401: kind = .unauthorized
        case 403: kind = .forbidden
        case 404: kind = .notFound
        case 409: kind = status?.fieldConflicts.isEmpty == false ? .fieldConflict : .conflict
        case 410: kind = .gone
        case 422: kind = .invalid
        case 400: kind = isSchemaRejection(message) ? .schemaRejected : .badRequest
        case 429: kind = .tooManyRequests
        case 500 where isSchemaRejection(message): kind = .schemaRejected
        case 500...599: kind = .serverError
        default: kind = reason == "NotFound" ? .notFound : .other
        }
        return KubeError(kind: kind, request: request, httpStatus: code, status: status, message: message)
    }

    /// SSA's typed-patch errors for unknown fields ("field not declared in schema").
    static func isSchemaRejection(_ message: String) -> Bool {
        message.contains("field not declared in schema") || message.contains("failed to create typed patch object")
            || message.contains("failed to create typed live object")
    }

    /// Plain bodies are kept, trimmed and bounded; binary junk is summarised.
    static func plainText(_ body: [UInt8], code: Int) -> String {
        let text = String(decoding: body.prefix(1000), as: UTF8.self).trimmingWhitespace
        if text.isEmpty { return "HTTP \(code) with an empty body" }
        return body.count > 1000 ? text + "…" : text
    }
}
