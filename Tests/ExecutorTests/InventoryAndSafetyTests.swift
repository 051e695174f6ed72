import KubeClient
import Testing
@testable import Executor

@Suite struct InventoryAndSafetyTests {
    @Test func applySetIdsFollowKEP3659() {
        // sha256("my-set.default.Secret.") in unpadded base64url, as kubectl computes it.
        #expect(ApplySet.id(parentName: "my-set", namespace: "default", kind: "Secret", group: "")
                == "applyset-kdySOVBWs584aaOTmku9Ul1xDuN7LXBjs-R96jQcisk-v1")
        let set = ApplySet(cluster: "test", namespace: "kube-system")
        #expect(set.parentName == "applyset-42c5cae192bed4b1")
        #expect(set.id == ApplySet.id(parentName: set.parentName, namespace: "kube-system", kind: "Secret", group: ""))
        #expect(set.id.count <= 63)
        #expect(ApplySet.groupKind(apiVersion: "apps/v1", kind: "Deployment") == "Deployment.apps")
        #expect(ApplySet.groupKind(apiVersion: "v1", kind: "Namespace") == "Namespace")
    }

    @Test func theParentListsKindsAndOtherNamespacesSorted() {
        let set = ApplySet(cluster: "test", namespace: "kube-system")
        let parent = set.parent(groupKinds: ["Namespace", "Deployment.apps", "ConfigMap"], namespaces: ["web", "", "kube-system", "api"])
        #expect(parent.metadataEntry("annotations", ApplySet.groupKindsAnnotation) == "ConfigMap,Deployment.apps,Namespace")
        #expect(parent.metadataEntry("annotations", ApplySet.namespacesAnnotation) == "api,web")
        #expect(parent.metadataEntry("annotations", ApplySet.toolingAnnotation) == "shipshape/v1")
        #expect(parent.metadataEntry("labels", ApplySet.idLabel) == set.id)
        #expect(InventoryClient.ownershipProblem(ApplySetParent(parent), set: set) == nil)
        var foreign = parent
        foreign.setMetadataEntry("annotations", ApplySet.toolingAnnotation, "kubectl/v1.30")
        #expect(InventoryClient.ownershipProblem(ApplySetParent(foreign), set: set)?.contains("kubectl/v1.30") == true)
    }

    @Test func secretValuesAreRedactedFromServerMessages() {
        let message = #"Secret "db" is invalid: data[password]: Invalid value: "hunter2": a valid config key must consist of alphanumerics"#
        let safe = SecretSafety.message(message, isSecret: true)
        #expect(!safe.contains("hunter2"))
        #expect(safe.contains("data[password]: Invalid value: (redacted): a valid config key"))
        #expect(SecretSafety.message(message, isSecret: false) == message)
    }

    @Test func pruneOrderIsTheReverseOfApplyOrder() {
        let objects = [("v1", "Namespace", ""), ("apiextensions.k8s.io/v1", "CustomResourceDefinition", ""), ("example.com/v1", "Widget", "a"),
                       ("apps/v1", "Deployment", "a"), ("v1", "ConfigMap", "a")]
            .map { ObjectIdentity(apiVersion: $0.0, kind: $0.1, namespace: $0.2, name: "x") }
        #expect(KindOrder.deletionOrder(objects).map(\.kind) == ["Widget", "Deployment", "ConfigMap", "Namespace", "CustomResourceDefinition"])
    }
}
