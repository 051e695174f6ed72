import Foundation
import Testing
@testable import KubeDouble

@Suite struct KubeDoubleDiscoveryTests {
    static let aggregatedAccept =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"

    @Test func legacyDocuments() throws {
        let fixture = try DoubleFixture()
        let api = try fixture.get("/api")
        #expect(api.status == 200)
        #expect(api.json["kind"] == "APIVersions")
        #expect(api.json["versions"] == ["v1"])

        let apis = try fixture.get("/apis").json
        #expect(apis["kind"] == "APIGroupList")
        let groups = apis["groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        for group in ["apps", "batch", "rbac.authorization.k8s.io", "networking.k8s.io", "apiextensions.k8s.io", "policy", "storage.k8s.io"] {
            #expect(groups.contains(group))
        }

        let core = try fixture.get("/api/v1").json
        #expect(core["groupVersion"] == "v1")
        let resources = core["resources"]?.arrayValue ?? []
        let configMaps = resources.first { $0["name"] == "configmaps" }
        #expect(configMaps?["kind"] == "ConfigMap")
        #expect(configMaps?["namespaced"] == true)
        #expect(resources.first { $0["name"] == "namespaces" }?["namespaced"] == false)
        // Subresources are listed with a slash, which clients must skip when mapping kinds.
        #expect(resources.contains { $0["name"] == "pods/status" })

        let apps = try fixture.get("/apis/apps/v1").json
        #expect(apps["resources"]?.arrayValue?.contains { $0["name"] == "deployments" && $0["kind"] == "Deployment" } == true)
        let group = try fixture.get("/apis/apps").json
        #expect(group["preferredVersion"]?["groupVersion"] == "apps/v1")
    }

    @Test func aggregatedDocumentsWhenAsked() throws {
        let fixture = try DoubleFixture()
        let apis = try fixture.connection.request("GET", "/apis", headers: ["Accept": Self.aggregatedAccept])
        #expect(apis.headers["content-type"] == "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
        #expect(apis.json["kind"] == "APIGroupDiscoveryList")
        let apps = apis.json["items"]?.arrayValue?.first { $0.value(at: ["metadata", "name"]) == "apps" }
        let deployment = apps?["versions"]?.arrayValue?.first?["resources"]?.arrayValue?.first { $0["resource"] == "deployments" }
        #expect(deployment?["scope"] == "Namespaced")
        #expect(deployment?["responseKind"] == ["group": "apps", "version": "v1", "kind": "Deployment"])
        #expect(apps?["versions"]?.arrayValue?.first?["freshness"] == "Current")

        let api = try fixture.connection.request("GET", "/api", headers: ["Accept": Self.aggregatedAccept]).json
        let coreResources = api["items"]?.arrayValue?.first?["versions"]?.arrayValue?.first?["resources"]?.arrayValue ?? []
        #expect(coreResources.contains { $0["resource"] == "namespaces" && $0["scope"] == "Cluster" })

        // Only v2beta1 asked for: a current server falls back to the legacy type.
        let old = try fixture.connection.request("GET", "/apis", headers: ["Accept": "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"])
        #expect(old.json["kind"] == "APIGroupList")
    }

    @Test func aggregatedDiscoveryCanBeSwitchedOff() throws {
        let fixture = try DoubleFixture { $0.aggregatedDiscovery = false }
        let apis = try fixture.connection.request("GET", "/apis", headers: ["Accept": Self.aggregatedAccept])
        #expect(apis.json["kind"] == "APIGroupList")
        #expect(apis.headers["content-type"] == "application/json")
    }

    @Test func unknownGroupIsPlainTextAndUnknownResourceIsAStatus() throws {
        let fixture = try DoubleFixture()
        let group = try fixture.get("/apis/nothing.example.com/v1/widgets")
        #expect(group.status == 404)
        #expect(group.text == "404 page not found\n")
        #expect(group.headers["content-type"]?.hasPrefix("text/plain") == true)

        let resource = try fixture.get("/apis/apps/v1/namespaces/default/gizmos")
        #expect(resource.status == 404)
        #expect(resource.json["kind"] == "Status")
        #expect(resource.json["message"] == "the server could not find the requested resource")

        #expect(try fixture.get("/version").json["gitVersion"] == "v1.36.0")
        #expect(try fixture.get("/readyz").text == "ok")
    }
}
