import Testing
@testable import Rendering

@Suite struct SelectorTests {
    @Test func labelSelectorSyntax() throws {
        let labels = ["app": "web", "tier": "front", "weight": "10"]
        func matches(_ text: String) throws -> Bool { try LabelSelector(parsing: text).matches(labels) }
        #expect(try matches(""))
        #expect(try matches("app=web"))
        #expect(try matches("app==web,tier=front"))
        #expect(try !matches("app=api"))
        #expect(try matches("app!=api"))
        #expect(try matches("missing!=x"))
        #expect(try matches("tier in (front, back)"))
        #expect(try !matches("tier notin (front)"))
        #expect(try matches("missing notin (front)"))
        #expect(try matches("app"))
        #expect(try matches("!legacy"))
        #expect(try !matches("!app"))
        #expect(try matches("weight>5"))
        #expect(try !matches("weight<5"))
        #expect(throws: RenderError.self) { try LabelSelector(parsing: "app in front") }
        #expect(throws: RenderError.self) { try LabelSelector(parsing: "app=web,") }
    }

    @Test func namesAreAnchoredRegularExpressions() throws {
        let deployment = try resource("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web-api}\n")
        func select(_ target: String) throws -> Bool { try Selector(node: try yamlNode(target)).matches(deployment) }
        #expect(try select("name: web-api"))
        #expect(try select("name: web-.*"))
        #expect(try !select("name: web"))
        #expect(try !select("name: api"))
        #expect(try select("kind: Deploy.*"))
        #expect(try select("{group: apps, version: v1, kind: Deployment}"))
        #expect(try !select("group: batch"))
        #expect(try select("namespace: default"))
        #expect(try !select("namespace: prod"))
        #expect(throws: RenderError.self) { try Selector(node: try yamlNode("name: '('")) }
    }

    @Test func originalNameAndNamespaceStillSelect() throws {
        var renamed = try resource("apiVersion: v1\nkind: Service\nmetadata: {name: svc}\n")
        renamed.rememberID()
        renamed.name = "prod-svc"
        renamed.namespace = "prod"
        let byOldName = try Selector(node: try yamlNode("{name: svc, namespace: default}"))
        let byNewName = try Selector(node: try yamlNode("{name: prod-svc, namespace: prod}"))
        #expect(byOldName.matches(renamed))
        #expect(byNewName.matches(renamed))
    }

    @Test func labelAndAnnotationSelectors() throws {
        let res = try resource("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, labels: {app: web}, annotations: {team: core}}
            """)
        #expect(try Selector(node: try yamlNode("labelSelector: app=web")).matches(res))
        #expect(try !Selector(node: try yamlNode("labelSelector: app=api")).matches(res))
        #expect(try Selector(node: try yamlNode("annotationSelector: team in (core)")).matches(res))
        #expect(try !Selector(node: try yamlNode("{labelSelector: app=web, annotationSelector: team=ops}")).matches(res))
    }

    @Test func clusterScopedKindsHaveNoNamespaceToMatch() throws {
        let role = try resource("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\n")
        #expect(try !Selector(node: try yamlNode("namespace: default")).matches(role))
        #expect(try Selector(node: try yamlNode("namespace: .*")).matches(role))
    }
}
