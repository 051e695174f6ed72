@testable import Policy
import Rendering
import Testing

@Suite("Field paths")
struct FieldPathTests {
    @Test func pathsParseKeysIndexesAndQuotedKeys() {
        #expect(FieldPath("spec.template.spec.containers[0].resources").segments ==
                [.key("spec"), .key("template"), .key("spec"), .key("containers"), .index(0), .key("resources")])
        #expect(FieldPath("metadata.labels['app.kubernetes.io/name']").segments ==
                [.key("metadata"), .key("labels"), .key("app.kubernetes.io/name")])
        #expect(FieldPath("metadata.annotations[\"a.b\"].x").segments == [.key("metadata"), .key("annotations"), .key("a.b"), .key("x")])
        #expect(FieldPath("").segments == [])
        #expect(FieldPath("spec[oops").segments == [.key("spec")])
    }

    @Test func podSpecPathsFollowTheWorkloadKind() {
        let path = FieldPath("podSpec.containers")
        #expect(path.absolute(group: "batch", kind: "CronJob")?.segments.map { "\($0)" }.count == 6)
        #expect(path.absolute(group: "", kind: "Pod")?.segments == [.key("spec"), .key("containers")])
        #expect(path.absolute(group: "example.com", kind: "Deployment") == nil)
        #expect(FieldPath("spec.replicas").absolute(group: "example.com", kind: "Widget") == FieldPath("spec.replicas"))
    }

    static let deployment = node("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          template:
            spec:
              containers:
                - name: web
                  image: nginx:1.27
        """, file: "base/deployment.yaml")

    @Test func findingsPointAtTheLongestExistingPrefix() {
        #expect(FieldPath("spec.replicas").location(in: Self.deployment).origin?.line == 6)
        #expect(FieldPath("spec.template.spec.containers[0].image").location(in: Self.deployment).origin?.line == 11)
        // resources does not exist: the container it belongs to.
        #expect(FieldPath("spec.template.spec.containers[0].resources.limits").location(in: Self.deployment).origin?.line == 10)
        #expect(FieldPath("spec.template.spec.containers[3]").location(in: Self.deployment).origin?.line == 10)
        // Nothing matches: the object.
        #expect(FieldPath("status.phase").location(in: Self.deployment).origin?.line == 1)
    }

    @Test func aPatchInsideTheFieldIsPreferredWithTheWrittenPlaceKept() throws {
        var object = Self.deployment
        let patched = Origin(file: "overlays/prod/patch.yaml", line: 9, column: 15, changedBy: "patch overlays/prod/patch.yaml")
        object[path: ["spec", "template", "spec", "containers"]] = .sequence([
            .mapping([Node.Entry(key: "name", value: .string("web", origin: patched))],
                     origin: Origin(file: "base/deployment.yaml", line: 10, column: 11)),
        ], origin: Origin(file: "base/deployment.yaml", line: 10, column: 11))
        let location = FieldPath("podSpec.containers").absolute(group: "apps", kind: "Deployment")?.location(in: object)
        #expect(location?.origin?.file == "overlays/prod/patch.yaml")
        #expect(location?.written?.file == "base/deployment.yaml")
        // Other transformers (images, namePrefix) are not patches: the field's own place wins.
        let stepped = Origin(file: "base/deployment.yaml", line: 11, column: 18, changedBy: "images")
        object[path: ["spec", "template", "spec", "containers"]] = .sequence([.mapping([Node.Entry(key: "image", value: .string("x", origin: stepped))], origin: nil)],
                                                                            origin: Origin(file: "base/deployment.yaml", line: 10, column: 11))
        let plain = FieldPath("spec.template.spec.containers").location(in: object)
        #expect(plain.origin?.line == 10 && plain.written == nil)
    }
}
