import Testing
@testable import Policy

/// Which objects a bound policy sees: resource rules, selectors, scope, and the binding's
/// matchResources.
@Suite struct AdmissionMatchTests {
    typealias C = AdmissionCluster

    /// A policy that denies everything it matches, naming the object, so the messages list
    /// exactly the matched objects.
    static func denyAll(_ constraints: String) -> String {
        """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata:
          name: all
        spec:
          matchConstraints:
        \(constraints.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
          validations:
            - expression: "false"
              message: "matched"
        """
    }

    static func rules(groups: String = "[\"*\"]", versions: String = "[\"*\"]", operations: String = "[\"*\"]",
                      resources: String, extra: String = "") -> String {
        """
        resourceRules:
          - apiGroups: \(groups)
            apiVersions: \(versions)
            operations: \(operations)
            resources: \(resources)
        \(extra.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        """
    }

    static let objects = [
        C.deployment("web"),
        """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: prod}
        """,
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: prod}
        """,
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: reader}
        """,
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: reader, namespace: prod}
        """,
    ]

    /// `Kind ns/name` of every object the policy denies, given `constraints` and extra objects.
    static func matched(_ constraints: String, binding: String = "", _ extra: String...) throws -> [String] {
        let documents = [denyAll(constraints), C.binding(policy: "all", spec: binding)] + objects + extra
        return AdmissionPolicies.run([try C.render(documents.joined(separator: "\n---\n"))]).compactMap { finding in
            guard finding.message.hasSuffix(": matched") else { return "unexpected: \(finding.message)" }
            return finding.object?.displayName
        }.sorted()
    }

    @Test func resourceRulesMatchGroupAndPluralResource() throws {
        #expect(try Self.matched(Self.rules(groups: "[apps]", resources: "[deployments]")) == ["Deployment prod/web"])
        #expect(try Self.matched(Self.rules(groups: "[apps]", resources: "[deployments, statefulsets]"))
                == ["Deployment prod/web", "StatefulSet prod/db"])
        #expect(try Self.matched(Self.rules(groups: "[\"\"]", resources: "[deployments]")).isEmpty)
        #expect(try Self.matched(Self.rules(groups: "[\"\"]", resources: "[configmaps]")) == ["ConfigMap prod/settings"])
    }

    @Test func wildcardsMatchEverythingButAdmissionObjects() throws {
        #expect(try Self.matched(Self.rules(resources: "[\"*\"]")) == [
            "ClusterRole reader", "ConfigMap prod/settings", "Deployment prod/web", "Role prod/reader", "StatefulSet prod/db",
        ])
    }

    @Test func onlyCreateOperationsMatch() throws {
        #expect(try Self.matched(Self.rules(operations: "[UPDATE, DELETE]", resources: "[deployments]")).isEmpty)
        #expect(try Self.matched(Self.rules(operations: "[CREATE]", resources: "[deployments]")) == ["Deployment prod/web"])
    }

    @Test func subresourceRulesDoNotMatchTheObject() throws {
        #expect(try Self.matched(Self.rules(resources: "[deployments/status, deployments/scale]")).isEmpty)
        #expect(try Self.matched(Self.rules(resources: "[\"deployments/*\"]")) == ["Deployment prod/web"])
        #expect(try Self.matched(Self.rules(groups: "[apps]", resources: "[\"*/*\"]")) == ["Deployment prod/web", "StatefulSet prod/db"])
    }

    @Test func resourceNamesAndScope() throws {
        #expect(try Self.matched(Self.rules(resources: "[\"*\"]", extra: "resourceNames: [reader]")) == ["ClusterRole reader", "Role prod/reader"])
        #expect(try Self.matched(Self.rules(groups: "[rbac.authorization.k8s.io]", resources: "[\"*\"]", extra: "scope: Cluster"))
                == ["ClusterRole reader"])
        #expect(try Self.matched(Self.rules(groups: "[rbac.authorization.k8s.io]", resources: "[\"*\"]", extra: "scope: Namespaced"))
                == ["Role prod/reader"])
    }

    @Test func excludeResourceRulesWin() throws {
        let constraints = Self.rules(groups: "[apps]", resources: "[\"*\"]") + """

            excludeResourceRules:
              - apiGroups: [apps]
                apiVersions: ["*"]
                operations: ["*"]
                resources: [statefulsets]
            """
        #expect(try Self.matched(constraints) == ["Deployment prod/web"])
    }

    @Test func namespaceSelectorReadsTheNamespaceOfTheRender() throws {
        let constraints = Self.rules(resources: "[deployments, namespaces, clusterroles]") + """

            namespaceSelector:
              matchLabels: {env: prod}
            """
        // prod is labelled env=prod: its Deployment matches, and so does the Namespace itself.
        #expect(try Self.matched(constraints, C.namespace("prod", labels: "{env: prod}"))
                == ["ClusterRole reader", "Deployment prod/web", "Namespace prod"])
        #expect(try Self.matched(constraints, C.namespace("prod", labels: "{env: dev}")) == ["ClusterRole reader"])
        // Without the Namespace in the render its labels are unknown.
        #expect(try Self.matched(constraints) == ["ClusterRole reader"])
        // An empty selector selects every namespace, known or not.
        let empty = Self.rules(resources: "[deployments]") + "\nnamespaceSelector: {}"
        #expect(try Self.matched(empty) == ["Deployment prod/web"])
        let expression = Self.rules(resources: "[deployments]") + """

            namespaceSelector:
              matchExpressions:
                - {key: env, operator: NotIn, values: [dev]}
            """
        #expect(try Self.matched(expression, C.namespace("prod", labels: "{env: prod}")) == ["Deployment prod/web"])
    }

    @Test func objectSelectorReadsTheObjectLabels() throws {
        let constraints = Self.rules(resources: "[deployments]") + "\nobjectSelector: {matchLabels: {tier: frontend}}"
        #expect(try Self.matched(constraints).isEmpty)
        #expect(try Self.matched(constraints, C.deployment("shop", labels: "tier: frontend")) == ["Deployment prod/shop"])
    }

    @Test func versionsCountOnlyUnderExactMatchPolicy() throws {
        let beta = Self.rules(groups: "[apps]", versions: "[v1beta1]", resources: "[deployments]")
        #expect(try Self.matched(beta) == ["Deployment prod/web"])
        #expect(try Self.matched(beta + "\nmatchPolicy: Exact").isEmpty)
        #expect(try Self.matched(Self.rules(groups: "[apps]", versions: "[v1]", resources: "[deployments]") + "\nmatchPolicy: Exact")
                == ["Deployment prod/web"])
    }

    @Test func bindingMatchResourcesNarrowsThePolicy() throws {
        let constraints = Self.rules(groups: "[apps]", resources: "[\"*\"]")
        let prodOnly = """
            matchResources:
              namespaceSelector:
                matchLabels: {env: prod}
            """
        let namespaces = [C.namespace("prod", labels: "{env: prod}"), C.namespace("dev", labels: "{env: dev}"),
                          C.deployment("web", namespace: "dev")]
        #expect(try Self.matched(constraints, binding: prodOnly, namespaces[0], namespaces[1], namespaces[2])
                == ["Deployment prod/web", "StatefulSet prod/db"])
        let deploymentsOnly = """
            matchResources:
              resourceRules:
                - {apiGroups: [apps], apiVersions: ["*"], operations: ["*"], resources: [deployments]}
            """
        #expect(try Self.matched(constraints, binding: deploymentsOnly) == ["Deployment prod/web"])
    }

    @Test func customResourcesUseThePluralOfTheirDefinition() throws {
        let definition = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: octopi.zoo.example.com}
            spec:
              group: zoo.example.com
              scope: Cluster
              names: {kind: Octopus, plural: octopi, singular: octopus}
            """
        let octopus = """
            apiVersion: zoo.example.com/v1
            kind: Octopus
            metadata: {name: paul}
            """
        #expect(try Self.matched(Self.rules(groups: "[zoo.example.com]", resources: "[octopi]", extra: "scope: Cluster"),
                                 definition, octopus) == ["Octopus paul"])
        #expect(try Self.matched(Self.rules(groups: "[zoo.example.com]", resources: "[octopuses]"), definition, octopus).isEmpty)
    }

    @Test(arguments: [("Ingress", "ingresses"), ("NetworkPolicy", "networkpolicies"), ("Gateway", "gateways"),
                      ("HTTPRoute", "httproutes"), ("Box", "boxes"), ("Endpoints", "endpoints")])
    func kindsWithoutDefinitionsArePluralizedLikeKubernetes(kind: String, plural: String) {
        let group = kind == "Endpoints" ? "" : "example.com"
        #expect(ResourceCatalog().resource(group: group, kind: kind) == plural)
    }
}
