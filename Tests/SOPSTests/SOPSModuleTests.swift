import Testing
@testable import SOPS

@Suite struct SOPSModuleTests {
    @Test func moduleLinks() { _ = SOPS.self }
}
