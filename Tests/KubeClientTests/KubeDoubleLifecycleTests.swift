import Foundation
import Testing
@testable import KubeDouble

/// CRD establishment, deletion with finalizers, and status progression, on a frozen clock.
@Suite struct KubeDoubleLifecycleTests {
    let crdPath = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com"
    let widgetPath = "/apis/example.com/v1/namespaces/default/widgets/w1"
    let widget: JSONValue = ["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w1"], "spec": ["size": 3], "status": ["ignored": true]]

    @Test func customResourcesAreServedOnlyOnceEstablished() throws {
        let fixture = try DoubleFixture()
        let created = try fixture.apply(crdPath, Manifests.crd())
        #expect(created.status == 201)
        let conditions = created.json.value(at: ["status", "conditions"])?.arrayValue ?? []
        #expect(conditions.contains { $0["type"] == "Established" && $0["status"] == "False" })

        let early = try fixture.apply(widgetPath, widget)
        #expect(early.status == 404)
        #expect(early.text == "404 page not found\n")

        fixture.double.advanceTime(by: 0.49)
        #expect(try fixture.apply(widgetPath, widget).status == 404)
        fixture.double.advanceTime(by: 0.02)
        let crd = try fixture.get(crdPath).json
        #expect(crd.value(at: ["status", "conditions"])?.arrayValue?.contains { $0["type"] == "Established" && $0["status"] == "True" } == true)

        let served = try fixture.apply(widgetPath, widget)
        #expect(served.status == 201)
        #expect(served.json["kind"] == "Widget")
        #expect(served.json.value(at: ["metadata", "generation"]) == 1)
        // The CRD declares a status subresource, so apply ignores status.
        #expect(served.json["status"] == nil)
        let resources = try fixture.get("/apis/example.com/v1").json["resources"]?.arrayValue ?? []
        #expect(resources.contains { $0["name"] == "widgets" && $0["namespaced"] == true })

        // Deleting the CRD removes its resources and the type.
        #expect(try fixture.connection.request("DELETE", crdPath).status == 200)
        #expect(fixture.double.object(at: widgetPath) == nil)
        #expect(try fixture.get(widgetPath).text == "404 page not found\n")
    }

    @Test func invalidCRDIsRejected() throws {
        let fixture = try DoubleFixture()
        var crd = Manifests.crd()
        crd.setValue("Galaxy", at: ["spec", "scope"])
        let response = try fixture.apply(crdPath, crd)
        #expect(response.status == 422)
        #expect(response.json.value(at: ["details", "causes"])?.arrayValue?.first?["field"] == "spec.scope")
    }

    @Test func deleteWithoutFinalizersIsImmediate() throws {
        let fixture = try DoubleFixture()
        let path = "/api/v1/namespaces/default/configmaps/gone"
        try fixture.apply(path, Manifests.configMap("gone"))
        let deleted = try fixture.connection.request("DELETE", path, body: #"{"propagationPolicy":"Background"}"#)
        #expect(deleted.status == 200)
        #expect(deleted.json["kind"] == "Status")
        #expect(deleted.json["status"] == "Success")
        #expect(try fixture.get(path).status == 404)
        #expect(try fixture.connection.request("DELETE", path).status == 404)
    }

    @Test func finalizersDelayRemoval() throws {
        let fixture = try DoubleFixture { $0.finalizerDelays = ["example.com/cleanup": 2] }
        let path = "/api/v1/namespaces/default/configmaps/held"
        var held = Manifests.configMap("held")
        held.setValue(["example.com/cleanup"], at: ["metadata", "finalizers"])
        try fixture.apply(path, held)
        let response = try fixture.connection.request("DELETE", path)
        #expect(response.status == 200)
        #expect(response.json.value(at: ["metadata", "deletionTimestamp"]) != nil)

        fixture.double.advanceTime(by: 1.9)
        #expect(try fixture.get(path).json.value(at: ["metadata", "deletionTimestamp"]) != nil)
        fixture.double.advanceTime(by: 0.2)
        #expect(try fixture.get(path).status == 404)
    }

    @Test func stuckFinalizersCanBeRemovedByPatch() throws {
        let fixture = try DoubleFixture { $0.finalizerDelay = .infinity }
        let path = "/api/v1/namespaces/default/configmaps/stuck"
        var held = Manifests.configMap("stuck")
        held.setValue(["example.com/never"], at: ["metadata", "finalizers"])
        try fixture.apply(path, held)
        _ = try fixture.connection.request("DELETE", path)
        fixture.double.advanceTime(by: 3600)
        #expect(try fixture.get(path).status == 200)
        let patched = try fixture.connection.request(
            "PATCH", path, body: #"{"metadata":{"finalizers":null}}"#, contentType: "application/merge-patch+json")
        #expect(patched.status == 200)
        #expect(try fixture.get(path).status == 404)
    }

    @Test func namespaceTerminatesWithItsContents() throws {
        let fixture = try DoubleFixture()
        try fixture.apply("/api/v1/namespaces/team", Manifests.namespace("team"))
        try fixture.apply("/api/v1/namespaces/team/configmaps/c", Manifests.configMap("c", namespace: "team"))
        let deleted = try fixture.connection.request("DELETE", "/api/v1/namespaces/team")
        #expect(deleted.json.value(at: ["status", "phase"]) == "Terminating")
        let refused = try fixture.apply("/api/v1/namespaces/team/configmaps/d", Manifests.configMap("d", namespace: "team"))
        #expect(refused.status == 403)
        #expect(refused.json.value(at: ["details", "causes"])?.arrayValue?.first?["reason"] == "NamespaceTerminating")
        fixture.double.advanceTime(by: 0.3)
        #expect(try fixture.get("/api/v1/namespaces/team").status == 404)
        #expect(try fixture.get("/api/v1/namespaces/team/configmaps/c").status == 404)
    }

    @Test func dependentsAreCollectedOrOrphaned() throws {
        let fixture = try DoubleFixture()
        let owner = try fixture.apply("/api/v1/namespaces/default/configmaps/owner", Manifests.configMap("owner"))
        let uid = try #require(owner.json.value(at: ["metadata", "uid"]))
        for name in ["child"] {
            var child = Manifests.configMap(name)
            child.setValue([["apiVersion": "v1", "kind": "ConfigMap", "name": "owner", "uid": uid]], at: ["metadata", "ownerReferences"])
            try fixture.apply("/api/v1/namespaces/default/configmaps/\(name)", child)
        }
        _ = try fixture.connection.request("DELETE", "/api/v1/namespaces/default/configmaps/owner?propagationPolicy=Orphan")
        fixture.double.advanceTime(by: 1)
        let orphan = try fixture.get("/api/v1/namespaces/default/configmaps/child")
        #expect(orphan.status == 200)
        #expect(orphan.json.value(at: ["metadata", "ownerReferences"]) == nil)

        let second = try fixture.apply("/api/v1/namespaces/default/configmaps/owner", Manifests.configMap("owner"))
        var child = Manifests.configMap("child")
        child.setValue([["apiVersion": "v1", "kind": "ConfigMap", "name": "owner", "uid": second.json.value(at: ["metadata", "uid"]) ?? .null]], at: ["metadata", "ownerReferences"])
        try fixture.apply("/api/v1/namespaces/default/configmaps/child", child)
        let foreground = try fixture.connection.request("DELETE", "/api/v1/namespaces/default/configmaps/owner", body: #"{"propagationPolicy":"Foreground"}"#)
        #expect(foreground.json.value(at: ["metadata", "finalizers"]) == ["foregroundDeletion"])
        fixture.double.advanceTime(by: 1)
        #expect(try fixture.get("/api/v1/namespaces/default/configmaps/child").status == 404)
    }

    @Test func deploymentBecomesReadyAfterTheDelay() throws {
        let fixture = try DoubleFixture()
        let path = "/apis/apps/v1/namespaces/default/deployments/web"
        let created = try fixture.apply(path, Manifests.deployment("web", replicas: 3))
        #expect(created.json.value(at: ["status", "observedGeneration"]) == 1)
        #expect(created.json.value(at: ["status", "readyReplicas"]) == 0)
        fixture.double.advanceTime(by: 0.31)
        let ready = try fixture.get(path).json
        #expect(ready.value(at: ["status", "readyReplicas"]) == 3)
        #expect(ready.value(at: ["status", "conditions"])?.arrayValue?.contains { $0["type"] == "Available" && $0["status"] == "True" } == true)

        // A spec change restarts the rollout for the new generation.
        let updated = try fixture.apply(path, Manifests.deployment("web", replicas: 3, image: "nginx:2"))
        #expect(updated.json.value(at: ["status", "observedGeneration"]) == 2)
        #expect(updated.json.value(at: ["status", "readyReplicas"]) == 0)
    }

    @Test func noNodesMeansWorkloadsNeverBecomeReady() throws {
        let fixture = try DoubleFixture { $0.noNodes = true }
        let path = "/apis/apps/v1/namespaces/default/deployments/web"
        try fixture.apply(path, Manifests.deployment("web"))
        let daemonSet: JSONValue = ["apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": ["name": "agent"],
                                    "spec": ["selector": ["matchLabels": ["a": "b"]], "template": ["metadata": ["labels": ["a": "b"]]]]]
        try fixture.apply("/apis/apps/v1/namespaces/default/daemonsets/agent", daemonSet)
        fixture.double.advanceTime(by: 3600)
        let deployment = try fixture.get(path).json
        #expect(deployment.value(at: ["status", "observedGeneration"]) == 1)
        #expect(deployment.value(at: ["status", "readyReplicas"]) == 0)
        let agent = try fixture.get("/apis/apps/v1/namespaces/default/daemonsets/agent").json
        #expect(agent.value(at: ["status", "desiredNumberScheduled"]) == 0)
    }

    @Test func jobsCompleteAndScriptedFailures() throws {
        let fixture = try DoubleFixture()
        let job: JSONValue = ["apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": "once"], "spec": ["template": ["spec": ["restartPolicy": "Never"]]]]
        try fixture.apply("/apis/batch/v1/namespaces/default/jobs/once", job)
        fixture.double.advanceTime(by: 0.6)
        let done = try fixture.get("/apis/batch/v1/namespaces/default/jobs/once").json
        #expect(done.value(at: ["status", "conditions"])?.arrayValue?.contains { $0["type"] == "Complete" && $0["status"] == "True" } == true)

        fixture.double.setProgression(.fail, kind: "Deployment", namespace: "default", name: "bad")
        try fixture.apply("/apis/apps/v1/namespaces/default/deployments/bad", Manifests.deployment("bad"))
        fixture.double.advanceTime(by: 1)
        let bad = try fixture.get("/apis/apps/v1/namespaces/default/deployments/bad").json
        #expect(bad.value(at: ["status", "conditions"])?.arrayValue?.contains { $0["reason"] == "ProgressDeadlineExceeded" } == true)
    }

    @Test func loadBalancerGetsAnAddressOrNever() throws {
        let fixture = try DoubleFixture { $0.loadBalancerDelay = 1 }
        func service(_ name: String) -> JSONValue {
            ["apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name)], "spec": ["type": "LoadBalancer", "ports": [["port": 80]]]]
        }
        let created = try fixture.apply("/api/v1/namespaces/default/services/lb", service("lb"))
        #expect(created.json.value(at: ["spec", "clusterIP"]) != nil)
        fixture.double.setProgression(.never, kind: "Service", namespace: "default", name: "stuck")
        try fixture.apply("/api/v1/namespaces/default/services/stuck", service("stuck"))
        fixture.double.advanceTime(by: 0.5)
        #expect(try fixture.get("/api/v1/namespaces/default/services/lb").json.value(at: ["status", "loadBalancer", "ingress"]) == nil)
        fixture.double.advanceTime(by: 0.6)
        #expect(try fixture.get("/api/v1/namespaces/default/services/lb").json.value(at: ["status", "loadBalancer", "ingress"])?.arrayValue?.count == 1)
        #expect(try fixture.get("/api/v1/namespaces/default/services/stuck").json.value(at: ["status", "loadBalancer", "ingress"]) == nil)
    }
}
