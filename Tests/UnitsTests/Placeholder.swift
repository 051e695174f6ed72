import Testing

@Test func placeholderUnitsTests() {}
