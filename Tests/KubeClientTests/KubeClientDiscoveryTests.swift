import Foundation
import Testing
import Rendering
@testable import KubeClient

private let aggregatedCore = #"""
{"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2","items":[{"metadata":{},"versions":[{"version":"v1","freshness":"Current","resources":[
 {"resource":"configmaps","responseKind":{"group":"","version":"v1","kind":"ConfigMap"},"scope":"Namespaced","verbs":["get","patch"]},
 {"resource":"namespaces","responseKind":{"group":"","version":"v1","kind":"Namespace"},"scope":"Cluster","verbs":["get"]},
 {"resource":"pods/log","responseKind":{"kind":"Pod"},"scope":"Namespaced"}]}]}]}
"""#
private let aggregatedGroups = #"""
{"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2","items":[
 {"metadata":{"name":"apps"},"versions":[{"version":"v1","resources":[{"resource":"deployments","responseKind":{"group":"apps","version":"v1","kind":"Deployment"},"scope":"Namespaced"}]}]},
 {"metadata":{"name":"metrics.k8s.io"},"versions":[{"version":"v1beta1","freshness":"Stale","resources":[{"resource":"pods","responseKind":{"kind":"PodMetrics"},"scope":"Namespaced"}]}]}]}
"""#

private func json(_ text: String, contentType: String = "application/json") -> HTTPResponse {
    HTTPResponse(status: 200, headers: [Header("Content-Type", contentType)], body: Array(text.utf8))
}

@Suite struct KubeClientDiscoveryTests {
    @Test func aggregatedDiscoveryBuildsTheMapper() throws {
        let aggregated = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
        let transport = ScriptedTransport([.respond(json(aggregatedCore, contentType: aggregated)),
                                           .respond(json(aggregatedGroups, contentType: aggregated))])
        let api = KubeAPI(target: KubeTarget(server: "http://x"), transport: transport, clock: FakeClock().clock)
        let mapper = try api.discover()
        #expect(transport.recorded.map(\.path) == ["/api", "/apis"])
        #expect(transport.recorded.first?.headers.first { $0.name == "Accept" }?.value == Discovery.aggregatedAccept)
        #expect(mapper.mapping(apiVersion: "v1", kind: "Namespace")?.namespaced == false)
        #expect(mapper.mapping(apiVersion: "apps/v1", kind: "Deployment")?.resource == "deployments")
        #expect(mapper.mapping(apiVersion: "apps/v2", kind: "Deployment") == nil)
        #expect(mapper.mapping(apiVersion: "metrics.k8s.io/v1beta1", kind: "PodMetrics") == nil)
        #expect(mapper.unavailableGroups == ["metrics.k8s.io/v1beta1"])
        #expect(mapper.mappings.count == 3)
    }

    @Test func fallsBackToLegacyDiscoveryAndSkipsBrokenGroups() throws {
        let transport = ScriptedTransport([], fallback: { request in
            switch request.path {
            case "/api": return json(#"{"kind":"APIVersions","versions":["v1"]}"#)
            case "/api/v1": return json(#"{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"secrets","namespaced":true,"kind":"Secret"},{"name":"secrets/status","namespaced":true,"kind":"Secret"}]}"#)
            case "/apis": return json(#"{"kind":"APIGroupList","groups":[{"name":"example.com","versions":[{"groupVersion":"example.com/v1","version":"v1"},{"groupVersion":"example.com/v1beta1","version":"v1beta1"}]},{"name":"broken.io","versions":[{"groupVersion":"broken.io/v1","version":"v1"}]}]}"#)
            case "/apis/example.com/v1", "/apis/example.com/v1beta1":
                return json(#"{"kind":"APIResourceList","resources":[{"name":"widgets","namespaced":false,"kind":"Widget"}]}"#)
            default: return HTTPResponse(status: 503, body: Array("service unavailable".utf8))
            }
        })
        let api = KubeAPI(target: KubeTarget(server: "http://x"), transport: transport,
                          retry: RetryPolicy(maxAttempts: 2), clock: FakeClock().clock)
        let mapper = try api.discover()
        #expect(mapper.mapping(apiVersion: "v1", kind: "Secret")?.resource == "secrets")
        #expect(mapper.mapping(apiVersion: "example.com/v1beta1", kind: "Widget")?.namespaced == false)
        #expect(mapper.unavailableGroups == ["broken.io/v1"])
        #expect(api.mapper == mapper)
    }

    @Test func crdMappingsAndRegistrationSurviveRediscovery() throws {
        let crd = try JSON.parse(#"""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.example.com"},
             "spec":{"group":"example.com","scope":"Cluster","names":{"plural":"widgets","kind":"Widget"},
                     "versions":[{"name":"v1","served":true},{"name":"v0","served":false}]}}
            """#)
        let mappings = RESTMapper.mappings(fromCRD: crd)
        #expect(mappings.map(\.version) == ["v1"])
        #expect(mappings.first?.namespaced == false)
        let transport = ScriptedTransport([], fallback: { request in
            request.path == "/api" ? json(#"{"versions":[]}"#) : json(#"{"groups":[]}"#)
        })
        let api = KubeAPI(target: KubeTarget(server: "http://x"), transport: transport, clock: FakeClock().clock)
        api.register(mappings)
        try api.discover()
        #expect(try api.path(for: ObjectRef(apiVersion: "example.com/v1", kind: "Widget", namespace: "ignored", name: "a b"))
                == "/apis/example.com/v1/widgets/a%20b")
    }

    @Test func waitForPollsUntilTheConditionOrTheDeadline() throws {
        var answers = [#"{"status":{}}"#, #"{"status":{"conditions":[{"type":"Established","status":"True"}]}}"#]
        let lock = NSLock()
        let transport = ScriptedTransport([], fallback: { _ in
            lock.withLock { json(answers.count > 1 ? answers.removeFirst() : answers[0]) }
        })
        let clock = FakeClock()
        let api = KubeAPI(target: KubeTarget(server: "http://x"), transport: transport, clock: clock.clock)
        api.register([RESTMapping(group: "", version: "v1", kind: "Namespace", resource: "namespaces", namespaced: false)])
        _ = api.store(RESTMapper())
        let ref = ObjectRef(apiVersion: "v1", kind: "Namespace", name: "n")
        let established = try api.waitFor(ref, timeout: 10, interval: 0.5) { object in
            object?[path: "status", "conditions"]?.array?.contains { $0["type"]?.string == "Established" && $0["status"]?.string == "True" } == true
        }
        #expect(established != nil && clock.recordedSleeps == [0.5])
        let error = try #require(throws: KubeError.self) { try api.waitFor(ref, timeout: 2, interval: 0.5) { $0 == nil } }
        #expect(error.kind == .timeout)
    }

    @Test func jsonParsesUntrustedInputSafely() throws {
        let value = try JSON.parse(#"{"a":[1,-2.5e3,true,null,"\u00e9\ud83d\ude00\n"],"b":{}}"#)
        #expect(value["a"]?.array?[1] == .number("-2.5e3"))
        #expect(value["a"]?.array?[4].string == "é😀\n")
        #expect(value.text == #"{"a":[1,-2.5e3,true,null,"é😀\n"],"b":{}}"#)
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "01x", "\"\u{01}\"", "nul", "[1] 2", String(repeating: "[", count: 600)] {
            #expect(throws: JSONParseError.self) { try JSON.parse(bad) }
        }
    }

    @Test func nodeConvertsToJSONByYAMLTags() throws {
        let nodes = try Kustomization.parseDocuments(Array("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a, labels: {n: "1"}}
            data: {port: 0x1F, ratio: .5, on: true, none: null, text: "yes", inf: .inf}
            """.utf8), path: "a.yaml")
        let object = JSON(try #require(nodes.first))
        #expect(object.text == #"{"apiVersion":"v1","data":{"inf":".inf","none":null,"on":true,"port":31,"ratio":0.5,"text":"yes"},"kind":"ConfigMap","metadata":{"labels":{"n":"1"},"name":"a"}}"#)
    }

    @Test func tlsServerNameRewritesTheURLAndPinsTheConnection() {
        let endpoint = Endpoint(server: "https://10.0.0.1:6443/prefix", serverName: "kubernetes")
        #expect(endpoint.url(for: "/api") == "https://kubernetes:6443/prefix/api")
        #expect(endpoint.connectTo == "kubernetes:6443:10.0.0.1:6443")
        let v6 = Endpoint(server: "https://[::1]", serverName: "api")
        #expect(v6.connectTo == "api:443:::1:443")
        #expect(Endpoint(server: "https://h:1/", serverName: nil).url(for: "/x") == "https://h:1/x")
    }
}
