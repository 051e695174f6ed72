import Testing
@testable import Graph

@Suite struct ClusterGraphTests {
    @Test func identifiersNameTheirFamily() {
        #expect(NodeID.object(group: "cert-manager.io", kind: "ClusterIssuer", namespace: "", name: "le").rawValue
                == "object:cert-manager.io/ClusterIssuer//le")
        #expect(Requirement.customResourceDefinition.failsApply && !Requirement.configMap.failsApply)
    }
}
