import Testing

@Test func placeholderSourceTreeTests() {}
