import Foundation
import Testing
@testable import KubeDouble

@Suite struct KubeDoubleFaultTests {
    let path = "/api/v1/namespaces/default/configmaps/settings"

    @Test func serverErrorsForTheNextRequestsThenRecovery() throws {
        let fixture = try DoubleFixture()
        fixture.double.faults.inject(.serverError(503), method: "PATCH", path: .prefix("/api/v1/namespaces/default/configmaps"), times: 2)
        // A GET does not match the rule and is not consumed by it.
        #expect(try fixture.get(path).status == 404)
        let first = try fixture.apply(path, Manifests.configMap("settings"))
        #expect(first.status == 503)
        #expect(first.json["reason"] == "ServiceUnavailable")
        #expect(try fixture.apply(path, Manifests.configMap("settings")).status == 503)
        #expect(try fixture.apply(path, Manifests.configMap("settings")).status == 201)
        #expect(fixture.double.faults.pending.isEmpty)

        let log = fixture.double.requestLog
        #expect(log.map(\.status) == [404, 503, 503, 201])
        #expect(log.map(\.fault) == [nil, "server-error-503", "server-error-503", nil])
        #expect(log.map(\.sequence) == [1, 2, 3, 4])
        #expect(log[1].method == "PATCH")
        #expect(log[1].query == "fieldManager=shipshape")
    }

    @Test func tooManyRequestsCarriesRetryAfter() throws {
        let fixture = try DoubleFixture()
        fixture.double.faults.inject(.tooManyRequests(retryAfter: 3), path: .exact(path))
        let response = try fixture.get(path)
        #expect(response.status == 429)
        #expect(response.headers["retry-after"] == "3")
        #expect(response.json.value(at: ["details", "retryAfterSeconds"]) == 3)
        #expect(try fixture.get(path).status == 404)
    }

    @Test func resetConnectionClosesWithoutAnswer() throws {
        let fixture = try DoubleFixture()
        fixture.double.faults.inject(.resetConnection, path: .contains("configmaps"))
        #expect(throws: TestHTTPError.self) { try fixture.get(path) }
        let fresh = try fixture.newConnection()
        #expect(try fresh.request("GET", path).status == 404)
        #expect(fixture.double.requestLog.first?.status == nil)
        #expect(fixture.double.requestLog.first?.fault == "reset-connection")
    }

    @Test func slowResponsesAreDelayed() throws {
        let fixture = try DoubleFixture()
        fixture.double.faults.inject(.delay(0.3), method: "GET")
        let start = Date()
        #expect(try fixture.get(path).status == 404)
        #expect(Date().timeIntervalSince(start) >= 0.3)
    }

    @Test func expiredResourceVersionOnListAndWatch() throws {
        let fixture = try DoubleFixture()
        try fixture.apply(path, Manifests.configMap("settings"))
        let stale = fixture.double.resourceVersion
        try fixture.apply(path, Manifests.configMap("settings", data: ["key": "2"]))
        fixture.double.compactHistory()

        let list = try fixture.get("/api/v1/namespaces/default/configmaps?resourceVersion=\(stale)&resourceVersionMatch=Exact")
        #expect(list.status == 410)
        #expect(list.json["reason"] == "Expired")

        let watch = try fixture.get("/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=\(stale)")
        #expect(watch.status == 200)
        let event = try JSONValue(parsing: Array(watch.body.dropLast()))
        #expect(event["type"] == "ERROR")
        #expect(event["object"]?["code"] == 410)

        // The injected form: the next list fails with 410 whatever its resourceVersion.
        fixture.double.faults.inject(.expired, method: "GET", path: .exact("/api/v1/namespaces/default/configmaps"))
        #expect(try fixture.get("/api/v1/namespaces/default/configmaps").status == 410)
        #expect(try fixture.get("/api/v1/namespaces/default/configmaps").status == 200)
    }

    @Test func fieldNotDeclaredInSchemaIsA500() throws {
        let fixture = try DoubleFixture()
        try fixture.apply("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com", Manifests.crd())
        fixture.double.advanceTime(by: 1)
        fixture.double.faults.failSchema(kind: "Widget", field: ".spec.extra")
        let widget: JSONValue = ["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w"], "spec": ["extra": 1]]
        let response = try fixture.apply("/apis/example.com/v1/namespaces/default/widgets/w", widget)
        #expect(response.status == 500)
        #expect(response.json["message"] == "failed to create typed patch object (example.com/v1, Kind=Widget): .spec.extra: field not declared in schema")
        // Persistent until cleared: retrying does not help.
        #expect(try fixture.apply("/apis/example.com/v1/namespaces/default/widgets/w", widget).status == 500)
        fixture.double.faults.clear()
        #expect(try fixture.apply("/apis/example.com/v1/namespaces/default/widgets/w", widget).status == 201)
    }

    @Test func credentialsAreRequiredWhenConfigured() throws {
        let fixture = try DoubleFixture { $0.bearerToken = "s3cret-token" }
        let anonymous = try fixture.get("/api")
        #expect(anonymous.status == 403)
        #expect(anonymous.json["reason"] == "Forbidden")
        #expect(try fixture.connection.request("GET", "/api", headers: ["Authorization": "Bearer wrong"]).status == 401)
        #expect(try fixture.connection.request("GET", "/api", headers: ["Authorization": "Bearer s3cret-token"]).status == 200)
        #expect(!fixture.double.requestLog.map { "\($0)" }.joined().contains("s3cret"))
    }

    @Test func kubeconfigPointsAtTheDouble() throws {
        let fixture = try DoubleFixture()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kube-double-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try fixture.double.kubeconfig(at: path, token: "abc")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("server: \"http://127.0.0.1:\(fixture.port)\""))
        #expect(text.contains("token: \"abc\""))
        #expect(text.contains("current-context: kube-double"))
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }
}
