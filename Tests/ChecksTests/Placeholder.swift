import Testing

@Test func placeholderChecksTests() {}
