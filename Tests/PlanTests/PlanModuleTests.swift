import Testing
@testable import Plan

@Suite struct PlanModuleTests {
    @Test func moduleLinks() { _ = PlanFile.self }
}
