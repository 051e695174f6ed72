import Testing
@testable import Clusters

@Suite struct ClusterRootTests {
    @Test func namesAPath() {
        #expect(ClusterRoot(name: "prod", path: "clusters/prod").path == "clusters/prod")
    }
}
