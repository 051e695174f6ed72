/// A failed request, rendered as the API server renders it: a `Status` object for API
/// errors, or the mux's plain-text `404 page not found` for paths no group serves.
struct APIError: Error, Sendable {
    var code: Int
    var reason: String
    var message: String
    var details: JSONValue?
    var plainText: Bool = false
    var headers: [(name: String, value: String)] = []

    var response: HTTPResponse {
        if plainText { return HTTPResponse(status: code, headers: headers + [("Content-Type", "text/plain; charset=utf-8"), ("X-Content-Type-Options", "nosniff")], body: Array(message.utf8)) }
        var status: [String: JSONValue] = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
            "message": .string(message), "reason": .string(reason), "code": .int(code),
        ]
        if let details { status["details"] = details }
        var response = HTTPResponse.json(code, .object(status))
        response.headers += headers
        return response
    }

    static let pageNotFound = APIError(code: 404, reason: "NotFound", message: "404 page not found\n", plainText: true)

    static func notFound(_ type: ResourceType, name: String) -> APIError {
        APIError(
            code: 404, reason: "NotFound", message: "\(type.qualifiedResource) \"\(name)\" not found",
            details: ["name": .string(name), "group": .string(type.group), "kind": .string(type.plural)])
    }

    static func namespaceNotFound(_ namespace: String) -> APIError {
        APIError(
            code: 404, reason: "NotFound", message: "namespaces \"\(namespace)\" not found",
            details: ["name": .string(namespace), "kind": "namespaces"])
    }

    static let unknownResource = APIError(
        code: 404, reason: "NotFound", message: "the server could not find the requested resource", details: [:])

    static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: "BadRequest", message: message)
    }

    static func methodNotAllowed(_ method: String) -> APIError {
        APIError(code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource (\(method))")
    }

    static func invalid(_ type: ResourceType, name: String, causes: [(field: String, message: String)]) -> APIError {
        let summary = causes.map { "\($0.field): \($0.message)" }
        let joined = summary.count == 1 ? summary[0] : "[" + summary.joined(separator: ", ") + "]"
        return APIError(
            code: 422, reason: "Invalid", message: "\(type.qualifiedKind) \"\(name)\" is invalid: \(joined)",
            details: [
                "name": .string(name), "group": .string(type.group), "kind": .string(type.kind),
                "causes": .array(causes.map { ["reason": "FieldValueInvalid", "message": .string($0.message), "field": .string($0.field)] }),
            ])
    }

    static func conflict(_ type: ResourceType, name: String, message: String) -> APIError {
        APIError(
            code: 409, reason: "Conflict",
            message: "Operation cannot be fulfilled on \(type.qualifiedResource) \"\(name)\": \(message)",
            details: ["name": .string(name), "group": .string(type.group), "kind": .string(type.plural)])
    }
}
