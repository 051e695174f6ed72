import Testing
@testable import Executor

@Suite struct ExecutorModuleTests {
    @Test func moduleLinks() { _ = Executor.self }
}
