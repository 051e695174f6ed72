import Testing
@testable import CEL

@Suite struct CELModuleTests {
    @Test func moduleLinks() { _ = CEL.self }
}
