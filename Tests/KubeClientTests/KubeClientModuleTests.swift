import Testing
@testable import KubeClient
@testable import KubeDouble

@Suite struct KubeClientModuleTests {
    @Test func modulesLink() { _ = KubeClient.self; _ = KubeDouble.self }
}
