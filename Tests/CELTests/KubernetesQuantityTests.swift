import Testing
@testable import CEL

@Suite struct KubernetesQuantityTests {
    private func quantity(_ text: String) throws -> KubernetesQuantity {
        try KubernetesQuantity(parsing: text)
    }

    @Test(arguments: [
        "0", "1", "100m", "1.5G", "200Mi", "1.5Gi", "0.1", "+5", "-5", "1e3", "1E-3", "1.3E+6",
        "5n", "4u", "12E", "9Ei", "0.000000000001Ki", ".001", "1.", "1.G", ".", "-.", "+", "-",
        "9223372036854775807", "123456789012345678901234567890", "1e2147483647", "1e-2147483647",
    ])
    func acceptsKubernetesForms(_ text: String) {
        #expect(KubernetesQuantity.isValid(text), "\(text)")
    }

    @Test(arguments: [
        "", "200K", "1.5.5", " 1", "1 ", "1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i",
        "1i", "-3.01i", "-3.01e-", "1e4294967297", "1e2147483648", "Three", "1,3G", "1e", "1Ki5", "1KiB",
        // Kubernetes reads up to 19 digits as int64 and rejects (rather than widens) the overflow.
        "9999999999999999999", "-9223372036854775808",
    ])
    func rejectsInvalidForms(_ text: String) {
        #expect(!KubernetesQuantity.isValid(text), "\(text)")
    }

    /// The CEL library's doc comment calls `quantity('Mi')` an error, but the Go scanner reads a
    /// missing number as 0 and accepts it; we follow the code a cluster runs.
    @Test func bareSuffixIsZeroAsInTheGoScanner() throws {
        #expect(try quantity("Mi").isZero)
        #expect(try quantity("k").isZero)
    }

    @Test func reportsWhyParsingFailed() {
        #expect(throws: KubernetesQuantityError.formatWrong) { try quantity("") }
        #expect(throws: KubernetesQuantityError.formatWrong) { try quantity("1.5.5") }
        #expect(throws: KubernetesQuantityError.suffix) { try quantity("200K") }
        #expect(throws: KubernetesQuantityError.numeric) { try quantity("9999999999999999999") }
    }

    @Test(arguments: [
        ("1.5G", "1500M"), ("1024Mi", "1Gi"), ("0.1", "100m"), ("1.5", "1500m"), ("100m", "100m"),
        ("1000", "1k"), ("1Ki", "1Ki"), ("1000Mi", "1000Mi"), ("1.5Gi", "1536Mi"), ("0.5Gi", "512Mi"),
        ("-1.5Gi", "-1536Mi"), ("0.5Ki", "512"), ("100.035Ki", "102435840m"), ("1e3", "1e3"),
        ("1.5e3", "1500"), ("1E-3", "1e-3"), ("12E", "12E"), ("50k", "50k"), ("3.001n", "4n"),
        ("0.000000000001Ki", "2n"), ("0.00000012345", "124n"), ("9Ei", "9223372036854775807"),
        ("0Gi", "0"), ("-0", "0"), (".", "0"), ("1000E", "1e21"), ("1e2147483647", "10e2147483646"),
        ("123456789012345678901234567890", "123456789012345678901234567890"), ("5.444T", "5444G"),
    ])
    func printsCanonicalForm(_ text: String, _ canonical: String) throws {
        #expect(try quantity(text).description == canonical)
    }

    @Test func comparesByValueAcrossFormats() throws {
        #expect(try quantity("200M").compare(to: quantity("0.2G")) == 0)
        #expect(try quantity("50M").compare(to: quantity("50Mi")) == -1)
        #expect(try quantity("50Mi").compare(to: quantity("50M")) == 1)
        #expect(try quantity("10000T") > quantity("100Gi"))
        #expect(try quantity("-1") < quantity("0"))
        #expect(try quantity("1e2147483647") > quantity("123456789012345678901234567890"))
        #expect(try quantity("1e-2147483647") > quantity("0"))
        #expect(try quantity("1e-2147483647") == quantity("1n"))
    }

    @Test func documentedArithmeticExamples() throws {
        #expect(try quantity("50k").adding(quantity("20k")) == quantity("70k"))
        #expect(try quantity("50k").adding(20) == quantity("50020"))
        #expect(try quantity("50k").subtracting(quantity("20k")) == quantity("30k"))
        #expect(try quantity("50k").subtracting(20000) == quantity("30k"))
        let chained = try quantity("50k").adding(20).subtracting(quantity("100k")).subtracting(-50000)
        #expect(chained == (try quantity("20")))
        #expect(try quantity("50k").subtracting(20000).approximateDouble == 30000)
    }

    @Test func sumsOfRequestsAreExact() throws {
        var total = KubernetesQuantity(integer: 0, format: .decimalSI)
        for request in ["100m", "250m", "0.65", "1", "1500m"] {
            total = try total.adding(quantity(request))
        }
        #expect(total.description == "3500m")
        #expect(total == (try quantity("3.5")))
        var memory = try quantity("0")
        for request in ["512Mi", "0.5Gi", "1Gi"] {
            memory = try memory.adding(quantity(request))
        }
        #expect(memory.description == "2Gi")
    }

    @Test func keepsFormatOfNonZeroReceiver() throws {
        #expect(try quantity("100m").adding(quantity("0")).description == "100m")
        #expect(try quantity("0").adding(quantity("1Gi")).description == "1Gi")
        #expect(try quantity("0").subtracting(quantity("1Gi")).description == "-1Gi")
    }

    @Test func exactAtInt64Edges() throws {
        let maximum = try quantity("9223372036854775807")
        #expect(try maximum.asInteger() == Int64.max)
        let beyond = try maximum.adding(1)
        #expect(beyond.description == "9223372036854775808")
        #expect(!beyond.isInteger)
        #expect(try beyond.subtracting(1) == maximum)
        let minimum = try quantity("-9223372036854775807").subtracting(1)
        #expect(try minimum.asInteger() == Int64.min)
        let below = try minimum.subtracting(1)
        #expect(below.description == "-9223372036854775809")
        let flipped = try quantity("0").subtracting(minimum)
        #expect(flipped.description == "9223372036854775808")
        #expect(try quantity("9Ei").adding(quantity("9Ei")).description == "18446744073709551614")
    }

    @Test func integerConversionFollowsKubernetesStorage() throws {
        #expect(try quantity("50000000G").isInteger)
        #expect(try quantity("50k").asInteger() == 50000)
        #expect(try quantity("2Gi").asInteger() == 2_147_483_648)
        #expect(try !quantity("9999999999999999999999999999999999999G").isInteger)
        #expect(throws: KubernetesQuantityError.notAnInteger) {
            try quantity("9999999999999999999999999999999999999G").asInteger()
        }
        #expect(try !quantity("100m").isInteger)
        // Held at scale -3 and a decimal respectively, so Kubernetes' AsInt64 declines both.
        #expect(try !quantity("1000m").isInteger)
        #expect(try !quantity("1.5Gi").isInteger)
        #expect(try !quantity("10E").isInteger)
    }

    @Test func signAndApproximateFloat() throws {
        #expect(try quantity("-1m").sign == -1)
        #expect(try quantity("0Ki").sign == 0)
        #expect(try quantity("3n").sign == 1)
        #expect(try quantity("1.5Gi").approximateDouble == 1_610_612_736)
        #expect(try quantity("100m").approximateDouble == 0.1)
        #expect(try quantity("1e400").approximateDouble == .infinity)
        #expect(try quantity("-1e400").approximateDouble == -.infinity)
    }

    @Test func hostileExponentsStayBounded() throws {
        let huge = try quantity("1e2147483647")
        #expect(throws: KubernetesQuantityError.tooLarge) { try huge.adding(1) }
        #expect(try huge.adding(huge).description == "20e2147483646")
        #expect(try huge.compare(to: quantity("1n")) == 1)
        #expect(throws: KubernetesQuantityError.tooLarge) {
            try KubernetesQuantity(parsing: String(repeating: "9", count: 5000))
        }
    }
}
