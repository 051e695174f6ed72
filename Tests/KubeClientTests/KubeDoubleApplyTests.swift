import Foundation
import Testing
@testable import KubeDouble

@Suite struct KubeDoubleApplyTests {
    let configMapPath = "/api/v1/namespaces/default/configmaps/settings"
    let deploymentPath = "/apis/apps/v1/namespaces/default/deployments/web"

    @Test func createThenNoOpThenUpdate() throws {
        let fixture = try DoubleFixture()
        let created = try fixture.apply(configMapPath, Manifests.configMap("settings"))
        #expect(created.status == 201)
        let uid = try #require(created.json.value(at: ["metadata", "uid"])?.stringValue)
        let firstVersion = try #require(created.json.value(at: ["metadata", "resourceVersion"])?.stringValue)
        let managed = created.json.value(at: ["metadata", "managedFields"])?.arrayValue?.first
        #expect(managed?["manager"] == "shipshape")
        #expect(managed?["operation"] == "Apply")
        #expect(managed?.value(at: ["fieldsV1", "f:data", "f:key"]) == [:])

        // The same apply twice changes nothing: same resourceVersion.
        let again = try fixture.apply(configMapPath, Manifests.configMap("settings"))
        #expect(again.status == 200)
        #expect(again.json.value(at: ["metadata", "resourceVersion"])?.stringValue == firstVersion)

        let changed = try fixture.apply(configMapPath, Manifests.configMap("settings", data: ["key": "other"]))
        #expect(changed.status == 200)
        #expect(changed.json.value(at: ["metadata", "uid"])?.stringValue == uid)
        #expect(changed.json.value(at: ["metadata", "resourceVersion"])?.stringValue != firstVersion)
        #expect(fixture.double.object(at: configMapPath)?["data"] == ["key": "other"])
        // ConfigMaps have no generation.
        #expect(changed.json.value(at: ["metadata", "generation"]) == nil)
    }

    @Test func generationBumpsOnSpecChangesOnly() throws {
        let fixture = try DoubleFixture()
        let created = try fixture.apply(deploymentPath, Manifests.deployment("web"))
        #expect(created.json.value(at: ["metadata", "generation"]) == 1)

        var labelled = Manifests.deployment("web")
        labelled.setValue(["team": "a"], at: ["metadata", "labels"])
        let relabelled = try fixture.apply(deploymentPath, labelled)
        #expect(relabelled.json.value(at: ["metadata", "generation"]) == 1)
        #expect(relabelled.json.value(at: ["metadata", "labels", "team"]) == "a")

        var scaled = labelled
        scaled.setValue(5, at: ["spec", "replicas"])
        let rescaled = try fixture.apply(deploymentPath, scaled)
        #expect(rescaled.json.value(at: ["metadata", "generation"]) == 2)
    }

    @Test func fieldOwnershipConflictsAndForce() throws {
        let fixture = try DoubleFixture()
        try fixture.apply(deploymentPath, Manifests.deployment("web", replicas: 2), manager: "shipshape")

        // Another manager agreeing on the value shares ownership without conflict.
        var sameReplicas: JSONValue = ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"], "spec": ["replicas": 2]]
        #expect(try fixture.apply(deploymentPath, sameReplicas, manager: "hpa").status == 200)

        sameReplicas.setValue(4, at: ["spec", "replicas"])
        let conflict = try fixture.apply(deploymentPath, sameReplicas, manager: "hpa")
        #expect(conflict.status == 409)
        #expect(conflict.json["reason"] == "Conflict")
        let causes = conflict.json.value(at: ["details", "causes"])?.arrayValue ?? []
        #expect(causes.count == 1)
        #expect(causes.first?["reason"] == "FieldManagerConflict")
        #expect(causes.first?["field"] == ".spec.replicas")
        #expect(causes.first?["message"] == "conflict with \"shipshape\"")
        #expect(conflict.json["message"] == "Apply failed with 1 conflict: conflict with \"shipshape\": .spec.replicas")
        #expect(fixture.double.object(at: deploymentPath)?.value(at: ["spec", "replicas"]) == 2)

        let forced = try fixture.apply(deploymentPath, sameReplicas, manager: "hpa", force: true)
        #expect(forced.status == 200)
        #expect(forced.json.value(at: ["spec", "replicas"]) == 4)
        let managers = forced.json.value(at: ["metadata", "managedFields"])?.arrayValue ?? []
        let ours = managers.first { $0["manager"] == "shipshape" }
        #expect(ours?.value(at: ["fieldsV1", "f:spec", "f:replicas"]) == nil)
        #expect(ours?.value(at: ["fieldsV1", "f:spec", "f:selector"]) != nil)

        // Now shipshape is the one in conflict, on exactly that field.
        let back = try fixture.apply(deploymentPath, Manifests.deployment("web", replicas: 2), manager: "shipshape")
        #expect(back.status == 409)
        #expect(back.json.value(at: ["details", "causes"])?.arrayValue?.first?["message"] == "conflict with \"hpa\"")
    }

    @Test func fieldsNoLongerAppliedAreRemoved() throws {
        let fixture = try DoubleFixture()
        try fixture.apply(configMapPath, Manifests.configMap("settings", data: ["a": "1", "b": "2"], labels: ["x": "1"]))
        let trimmed = try fixture.apply(configMapPath, Manifests.configMap("settings", data: ["a": "1"]))
        #expect(trimmed.json["data"] == ["a": "1"])
        #expect(trimmed.json.value(at: ["metadata", "labels"]) == nil)
    }

    @Test func dryRunComputesWithoutStoring() throws {
        let fixture = try DoubleFixture()
        let before = fixture.double.resourceVersion
        let preview = try fixture.apply(configMapPath, Manifests.configMap("settings"), dryRun: true)
        #expect(preview.status == 201)
        #expect(preview.json.value(at: ["metadata", "uid"]) != nil)
        // No resourceVersion: that is how a caller tells "would be created".
        #expect(preview.json.value(at: ["metadata", "resourceVersion"]) == nil)
        #expect(fixture.double.object(at: configMapPath) == nil)
        #expect(fixture.double.resourceVersion == before)

        let created = try fixture.apply(configMapPath, Manifests.configMap("settings"))
        let version = created.json.value(at: ["metadata", "resourceVersion"])
        let updatePreview = try fixture.apply(configMapPath, Manifests.configMap("settings", data: ["key": "new"]), dryRun: true)
        #expect(updatePreview.json["data"] == ["key": "new"])
        #expect(updatePreview.json.value(at: ["metadata", "resourceVersion"]) == version)
        #expect(fixture.double.object(at: configMapPath)?["data"] == ["key": "value"])
    }

    @Test func missingNamespaceIsNotFound() throws {
        let fixture = try DoubleFixture()
        let response = try fixture.apply("/api/v1/namespaces/absent/configmaps/settings", Manifests.configMap("settings", namespace: "absent"))
        #expect(response.status == 404)
        #expect(response.json["kind"] == "Status")
        #expect(response.json["message"] == "namespaces \"absent\" not found")

        try fixture.apply("/api/v1/namespaces/absent", Manifests.namespace("absent"))
        #expect(try fixture.apply("/api/v1/namespaces/absent/configmaps/settings", Manifests.configMap("settings", namespace: "absent")).status == 201)
    }

    @Test func immutableFieldsAreInvalid() throws {
        let fixture = try DoubleFixture()
        try fixture.apply(deploymentPath, Manifests.deployment("web", app: "web"))
        let response = try fixture.apply(deploymentPath, Manifests.deployment("web", app: "web2"))
        #expect(response.status == 422)
        #expect(response.json["reason"] == "Invalid")
        #expect(response.json.value(at: ["details", "causes"])?.arrayValue?.first?["field"] == "spec.selector")
        #expect(response.json["message"]?.stringValue?.contains("field is immutable") == true)

        let jobPath = "/apis/batch/v1/namespaces/default/jobs/migrate"
        func job(_ image: String) -> JSONValue {
            ["apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": "migrate"],
             "spec": ["template": ["spec": ["restartPolicy": "Never", "containers": [["name": "m", "image": .string(image)]]]]]]
        }
        try fixture.apply(jobPath, job("a:1"))
        let jobResponse = try fixture.apply(jobPath, job("a:2"))
        #expect(jobResponse.status == 422)
        #expect(jobResponse.json.value(at: ["details", "causes"])?.arrayValue?.first?["field"] == "spec.template")
    }

    @Test func malformedRequestsAreRejected() throws {
        let fixture = try DoubleFixture()
        let noManager = try fixture.connection.request(
            "PATCH", configMapPath, body: Manifests.configMap("settings").serialized, contentType: "application/apply-patch+yaml")
        #expect(noManager.status == 422)
        let wrongKind = try fixture.apply(configMapPath, ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "settings"]])
        #expect(wrongKind.status == 400)
        var withManaged = Manifests.configMap("settings")
        withManaged.setValue([], at: ["metadata", "managedFields"])
        #expect(try fixture.apply(configMapPath, withManaged).status == 400)
        let badName = try fixture.apply("/api/v1/namespaces/default/configmaps/Bad_Name", Manifests.configMap("Bad_Name"))
        #expect(badName.status == 422)
        let yaml = try fixture.connection.request(
            "PATCH", configMapPath + "?fieldManager=x", body: "apiVersion: v1\nkind: ConfigMap\n", contentType: "application/apply-patch+yaml")
        #expect(yaml.status == 400)
    }

    @Test func listWithSelectorsAndAcrossNamespaces() throws {
        let fixture = try DoubleFixture()
        try fixture.apply("/api/v1/namespaces/team", Manifests.namespace("team"))
        try fixture.apply("/api/v1/namespaces/default/configmaps/a", Manifests.configMap("a", labels: ["app": "x"]))
        try fixture.apply("/api/v1/namespaces/default/configmaps/b", Manifests.configMap("b", labels: ["app": "y"]))
        try fixture.apply("/api/v1/namespaces/team/configmaps/c", Manifests.configMap("c", namespace: "team", labels: ["app": "x"]))

        let selected = try fixture.get("/api/v1/namespaces/default/configmaps?labelSelector=app%3Dx").json
        #expect(selected["kind"] == "ConfigMapList")
        #expect(selected["items"]?.arrayValue?.compactMap { $0.value(at: ["metadata", "name"])?.stringValue } == ["a"])
        #expect(selected.value(at: ["metadata", "resourceVersion"])?.stringValue == String(fixture.double.resourceVersion))

        let everywhere = try fixture.get("/api/v1/configmaps?labelSelector=app=x").json
        #expect(everywhere["items"]?.arrayValue?.compactMap { $0.value(at: ["metadata", "name"])?.stringValue } == ["a", "c"])
        let byName = try fixture.get("/api/v1/configmaps?fieldSelector=metadata.name%3Db").json
        #expect(byName["items"]?.arrayValue?.count == 1)
        let namespaces = try fixture.get("/api/v1/namespaces").json["items"]?.arrayValue?.compactMap { $0.value(at: ["metadata", "name"])?.stringValue }
        #expect(namespaces == ["default", "kube-node-lease", "kube-public", "kube-system", "team"])
        #expect(try fixture.get("/api/v1/namespaces/default/configmaps/zzz").json["message"] == "configmaps \"zzz\" not found")
    }

    @Test func mergePatchTakesOwnershipAsAnUpdate() throws {
        let fixture = try DoubleFixture()
        try fixture.apply(configMapPath, Manifests.configMap("settings"))
        let patched = try fixture.connection.request(
            "PATCH", configMapPath + "?fieldManager=kubectl-edit", body: #"{"data":{"key":"edited"}}"#, contentType: "application/merge-patch+json")
        #expect(patched.status == 200)
        let managers = patched.json.value(at: ["metadata", "managedFields"])?.arrayValue ?? []
        #expect(managers.contains { $0["manager"] == "kubectl-edit" && $0["operation"] == "Update" })
        // The editor now owns the field, so re-applying the old value conflicts with the editor.
        let reapplied = try fixture.apply(configMapPath, Manifests.configMap("settings"))
        #expect(reapplied.status == 409)
        #expect(reapplied.json.value(at: ["details", "causes"])?.arrayValue?.first?["message"] == "conflict with \"kubectl-edit\" using v1")
    }
}
