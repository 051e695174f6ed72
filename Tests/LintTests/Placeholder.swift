import Testing

@Test func placeholderLintTests() {}
