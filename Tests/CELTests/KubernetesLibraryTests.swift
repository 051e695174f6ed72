import Testing
@testable import CEL

/// End-to-end checks of `Environment.kubernetes`: every expression is type-checked and then
/// evaluated, as Kubernetes does for ValidatingAdmissionPolicy and CRD rules.
@Suite struct KubernetesLibraryTests {
    private static let checked = CEL.CompileOptions(checks: true)

    private func evaluate(_ source: String, checks: Bool = true, bindings: [String: CEL.Value] = [:],
                          environment: CEL.Environment = .kubernetes) throws -> CEL.Value {
        let options = CEL.CompileOptions(checks: checks)
        return try CEL.Program.compile(source, environment: environment, options: options).evaluate(bindings)
    }

    /// Asserts that the expression evaluates to `true`.
    private func expectTrue(_ source: String, checks: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let value = try evaluate(source, checks: checks)
            #expect(value.isEqual(to: .bool(true)), "\(source) gave \(value.typedJSONText)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(source) failed to compile: \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Asserts that the expression compiles but evaluates to an error mentioning `message`.
    private func expectError(_ source: String, containing message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let value = try evaluate(source)
            guard case .error(let error) = value else {
                Issue.record("\(source) gave \(value.typedJSONText), expected an error", sourceLocation: sourceLocation)
                return
            }
            #expect(error.message.contains(message), "\(source): \(error.message)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(source) failed to compile: \(error)", sourceLocation: sourceLocation)
        }
    }

    // MARK: Lists

    @Test(arguments: [
        "[1, 2, 3].sum() == 6", "[1u, 2u].sum() == 3u", "[1.5, 2.5].sum() == 4.0",
        "[duration('1m'), duration('1s')].sum() == duration('61s')", "[].sum() == 0",
        "[1, 2, 2, 3].isSorted()", "!['b', 'a'].isSorted()", "[].isSorted()", "[timestamp('2024-01-01T00:00:00Z')].isSorted()",
        "[3, 1, 2].min() == 1", "[3, 1, 2].max() == 3", "['b', 'a', 'c'].min() == 'a'", "[b'a', b'b'].max() == b'b'",
        "[1, 2, 2, 3].indexOf(2) == 1", "[1, 2, 2, 3].lastIndexOf(2) == 2", "[1.0].indexOf(1.1) == -1",
        "['a', 'b', 'b', 'c'].lastIndexOf('b') == 2", "'abcb'.indexOf('b') == 1 && 'abcb'.lastIndexOf('b') == 3",
    ])
    func lists(_ source: String) {
        expectTrue(source)
    }

    @Test func listErrors() {
        expectError("[].min()", containing: "min called on empty list")
        expectError("[].max()", containing: "max called on empty list")
        expectError("[9223372036854775807, 1].sum()", containing: "overflow")
        // Without the checker, a mixed list reaches the implementation and is refused there.
        #expect(throws: CELError.self) { try evaluate("[[1], [2]].min()") }
        guard case .error = try? evaluate("dyn([1, 'a']).isSorted()", checks: false) else {
            Issue.record("mixed kinds have no order")
            return
        }
    }

    // MARK: Regex

    @Test(arguments: [
        "'abc'.find('b.') == 'bc'", "'abc'.find('x') == ''", "'a1b22c333'.findAll('[0-9]+') == ['1', '22', '333']",
        "'a1b22c333'.findAll('[0-9]+', 2) == ['1', '22']", "'a1b22'.findAll('[0-9]+', 0) == []",
        "'a1b22'.findAll('[0-9]+', -1) == ['1', '22']", "'héllo'.find('é.') == 'él'", "'abc'.matches('^a')",
    ])
    func regex(_ source: String) {
        expectTrue(source)
    }

    @Test func regexErrors() {
        expectError("'abc'.find('(')", containing: "Illegal regex")
        expectError("'abc'.findAll('[')", containing: "Illegal regex")
    }

    // MARK: URLs

    @Test(arguments: [
        "url('https://a/b?x=1').getQuery() == {'x': ['1']}",
        "url('https://example.com:8080/a%20b?x=1&x=2&y=').getQuery() == {'x': ['1', '2'], 'y': ['']}",
        "url('https://example.com/').getQuery() == {}",
        "url('HTTPS://example.com:8080/a%20b').getScheme() == 'https'",
        "url('https://example.com:8080/a%20b').getHost() == 'example.com:8080'",
        "url('https://example.com:8080/a%20b').getHostname() == 'example.com'",
        "url('https://example.com:8080/a%20b').getPort() == '8080'",
        "url('https://example.com:8080/a%20b').getEscapedPath() == '/a%20b'",
        "url('https://[::1]:80/').getHostname() == '::1' && url('https://[::1]:80/').getHost() == '[::1]:80'",
        "url('/absolute/path').getScheme() == '' && url('/absolute/path').getHost() == ''",
        "isURL('/absolute/path') && isURL('https://x') && !isURL('relative/path') && !isURL('')",
        "string(url('https://example.com/x?y=1')) == 'https://example.com/x?y=1'",
        "url('https://a/b') == url('https://a/b') && url('https://a/b') != url('https://a/c')",
        "type(url('/a')) == kubernetes.URL",
    ])
    func urls(_ source: String) {
        expectTrue(source)
    }

    @Test func urlErrors() {
        expectError("url('relative')", containing: "URL parse error")
        expectError("url('')", containing: "URL parse error")
    }

    // MARK: IP and CIDR

    @Test(arguments: [
        "cidr('10.0.0.0/8').containsIP('10.1.2.3')", "cidr('10.0.0.0/8').containsIP(ip('10.1.2.3'))",
        "!cidr('10.0.0.0/8').containsIP('11.0.0.0')", "!cidr('10.0.0.0/8').containsIP('::1')",
        "cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16')", "cidr('10.0.0.0/8').containsCIDR(cidr('10.0.0.0/8'))",
        "!cidr('10.0.0.0/8').containsCIDR(cidr('0.0.0.0/4'))", "!cidr('10.0.0.0/8').containsCIDR('::1/128')",
        "cidr('192.168.1.5/24').masked() == cidr('192.168.1.0/24')", "cidr('192.168.1.5/24') != cidr('192.168.1.0/24')",
        "cidr('192.168.1.5/24').ip() == ip('192.168.1.5')", "cidr('2001:db8::/32').prefixLength() == 32",
        "string(cidr('192.168.1.5/24').masked()) == '192.168.1.0/24'",
        "ip('10.0.0.1').family() == 4 && ip('::1').family() == 6", "ip('::1').isLoopback() && ip('127.0.0.1').isLoopback()",
        "ip('0.0.0.0').isUnspecified()", "ip('ff02::1').isLinkLocalMulticast()", "ip('169.254.169.254').isLinkLocalUnicast()",
        "ip('192.168.0.1').isGlobalUnicast() && !ip('255.255.255.255').isGlobalUnicast()",
        "ip.isCanonical('2001:db8::1') && !ip.isCanonical('2001:DB8::1') && !ip.isCanonical('2001:db8:0:0:0:0:0:1')",
        "string(ip('2001:DB8:0:0::1')) == '2001:db8::1'", "ip('2001:db8::1') == ip('2001:DB8::1')",
        "isIP('1.2.3.4') && !isIP('::ffff:1.2.3.4') && !isIP('::ffff:c0a8:1') && !isIP('01.2.3.4') && !isIP('fe80::1%eth0')",
        "isCIDR('10.0.0.0/8') && isCIDR('192.168.0.1/16') && !isCIDR('10.0.0.0/33') && !isCIDR('10.0.0.0')",
        "type(ip('1.2.3.4')) == net.IP && type(cidr('1.2.3.0/24')) == net.CIDR",
    ])
    func network(_ source: String) {
        expectTrue(source)
    }

    @Test func networkErrors() {
        expectError("ip('::ffff:1.2.3.4')", containing: "IPv4-mapped IPv6 address")
        expectError("ip('::ffff:c0a8:1')", containing: "IPv4-mapped IPv6 address")
        expectError("ip('fe80::1%eth0')", containing: "zone value is not allowed")
        expectError("ip('192.168.0.1.0')", containing: "parse error")
        expectError("cidr('10.0.0.0/')", containing: "network address parse error")
        expectError("cidr('10.0.0.0/8').containsIP('nope')", containing: "parse error")
        expectError("cidr('10.0.0.0/8').containsCIDR('10.0.0.0')", containing: "parse error")
        expectError("ip.isCanonical('127.0.0.1.0')", containing: "parse error")
        #expect(throws: CELError.self) { try evaluate("isIP(cidr('10.0.0.0/8'))") }
        #expect(throws: CELError.self) { try evaluate("ip('1.2.3.4').containsIP('1.2.3.4')") }
    }

    // MARK: Quantity

    @Test(arguments: [
        "quantity('1.5G').compareTo(quantity('1500M')) == 0", "quantity('50M').compareTo(quantity('50Mi')) == -1",
        "quantity('50Mi').compareTo(quantity('50M')) == 1", "quantity('200M') == quantity('0.2G')",
        "quantity('200M') != quantity('0.3G')", "quantity('50M').isLessThan(quantity('50Mi'))",
        "quantity('150Mi').isGreaterThan(quantity('100Mi')) && !quantity('50M').isGreaterThan(quantity('100M'))",
        "quantity('50k').add(20).sub(quantity('100k')).sub(-50000).asInteger() == 20",
        "quantity('50k').add(quantity('20')) == quantity('50.02k')", "quantity('50k').sub(20) == quantity('49980')",
        "quantity('50.703k').asApproximateFloat() == 50703.0", "!quantity('100m').isInteger()",
        "quantity('2Gi').asInteger() == 2147483648", "quantity('-5').sign() == -1 && sign(quantity('0')) == 0",
        "isQuantity('200Mi')", "isQuantity('1e3')", "!isQuantity('200K')", "!isQuantity('10Mo')",
        // Go's scanner reads a bare suffix as zero, whatever the library's doc comment says.
        "isQuantity('Mi') && quantity('Mi').sign() == 0",
        "string(quantity('1500M')) == '1500M' && string(quantity('0.5Gi')) == '512Mi'",
        "type(quantity('1')) == kubernetes.Quantity",
    ])
    func quantity(_ source: String) {
        expectTrue(source)
    }

    @Test func quantityErrors() {
        expectError("quantity('10Mo')", containing: "quantities must match")
        expectError("quantity('200K')", containing: "unable to parse quantity's suffix")
        expectError("quantity('9999999999999999999999999999999999999G').asInteger()", containing: "cannot convert value to integer")
        // Kubernetes gives quantities no `<`: use `compareTo` and friends.
        expectError("quantity('1') < quantity('2')", containing: "no such overload")
        #expect(throws: CELError.self) { try evaluate("isQuantity([1, 2, 3])") }
        #expect(throws: CELError.self) { try evaluate("quantity('1').add('x')") }
    }

    @Test func quantitiesFromObjects() throws {
        var environment = CEL.Environment.kubernetes
        environment.declare(variable: "object")
        let object = CEL.Value(native: ["spec": ["containers": [
            ["name": "a", "resources": ["requests": ["memory": "512Mi"], "limits": ["memory": "1Gi"]]],
            ["name": "b", "resources": ["requests": ["memory": "2G"], "limits": ["memory": "1Gi"]]],
        ]]] as [String: Any])
        let rule = "object.spec.containers.filter(c, quantity(c.resources.requests.memory).isGreaterThan(quantity(c.resources.limits.memory))).map(c, c.name)"
        let program = try CEL.Program.compile(rule, environment: environment, options: Self.checked)
        #expect(program.evaluate(["object": object]).isEqual(to: .list([.string("b")])))
    }

    // MARK: Semver

    @Test(arguments: [
        "semver('1.2.3').isLessThan(semver('1.10.0'))", "semver('1.2.3-alpha').isLessThan(semver('1.2.3'))",
        "semver('2.0.0').isGreaterThan(semver('1.99.99'))", "semver('1.2.3').compareTo(semver('1.2.3+build')) == 0",
        "semver('1.2.3') == semver('1.2.3+build')", "semver('v1.2', true) == semver('1.2.0')",
        "semver('1.2.3').major() == 1 && semver('1.2.3').minor() == 2 && semver('1.2.3').patch() == 3",
        "isSemver('1.0.0') && !isSemver('v1.0.0') && isSemver('v1.0', true) && !isSemver('01.0.0')",
        "string(semver('1.2.3-rc.1+b')) == '1.2.3-rc.1+b'", "type(semver('1.0.0')) == kubernetes.Semver",
    ])
    func semver(_ source: String) {
        expectTrue(source)
    }

    @Test func semverErrors() {
        expectError("semver('1.0')", containing: "No Major.Minor.Patch")
        expectError("semver('1.0.0') < semver('2.0.0')", containing: "no such overload")
    }

    // MARK: Sets

    @Test(arguments: [
        "sets.contains([1, 2, 3], [2, 3])", "sets.contains([1, 2], [])", "!sets.contains([1, 2], [3])",
        "sets.equivalent([1, 2, 2], [2, 1])", "!sets.equivalent([1], [1, 2])",
        "sets.intersects(['a', 'b'], ['c', 'b'])", "!sets.intersects([1], [2])", "!sets.intersects([], [])",
        "sets.contains([[1], [2]], [[2]])", "sets.contains([{'a': 1}], [{'a': 1}])",
    ])
    func sets(_ source: String) {
        expectTrue(source)
    }

    @Test func setsUseCELEquality() {
        // Unchecked: the checker would refuse list(int) against list(double).
        expectTrue("sets.contains([1, 2], [2.0, 1u])", checks: false)
        expectTrue("sets.equivalent([1.0, 2u], [1, 2])", checks: false)
        expectTrue("!sets.contains([1, 2], [2.5])", checks: false)
        expectTrue("!sets.intersects([0.0 / 0.0], [0.0 / 0.0])", checks: false)
    }

    @Test func largeSetsStayLinear() throws {
        // Quadratic membership tests would take minutes here.
        let count = 20_000
        let first = CEL.Value.list((0..<count).map { .string("item-\($0)") })
        let second = CEL.Value.list((0..<count).reversed().map { .string("item-\($0)") })
        var environment = CEL.Environment.kubernetes
        environment.declare(variable: "a", type: .list(.string))
        environment.declare(variable: "b", type: .list(.string))
        let program = try CEL.Program.compile("sets.equivalent(a, b) && sets.intersects(a, b)", environment: environment, options: Self.checked)
        #expect(program.evaluate(["a": first, "b": second]).isEqual(to: .bool(true)))
    }

    // MARK: The base environment

    @Test(arguments: [
        "'a,b'.split(',') == ['a', 'b']", "'%s=%d'.format(['x', 1]) == 'x=1'", "'abc'.substring(1) == 'bc'",
        "strings.quote('a\"b') == '\"a\\\\\"b\"'", "optional.of(1).hasValue()", "{'a': 1}[?'b'].orValue(0) == 0",
        "1 < 1.5 && 2u > 1.0",
    ])
    func baseLibraries(_ source: String) {
        expectTrue(source)
    }

    @Test func settingsFollowKubernetes() throws {
        let environment = CEL.Environment.kubernetes
        #expect(environment.rejectsHeterogeneousAggregates)
        #expect(environment.costLimit == 1_000_000)
        #expect(throws: CELError.self) { try CEL.Program.compile("[1, 'a']", environment: environment, options: Self.checked) }
        #expect(throws: CELError.self) { try CEL.Program.compile("{'a': 1, 'b': 'x'}", environment: environment, options: Self.checked) }
        #expect(throws: CELError.self) { try CEL.Program.compile("[quantity('1'), ip('1.2.3.4')]", environment: environment, options: Self.checked) }
        // cel-go exempts `format` arguments, whose clauses each take their own type.
        #expect(try CEL.Program.compile("'%s: %d'.format(['x', [1, 2].size()])", environment: environment, options: Self.checked).resultType == .string)
        #expect(try CEL.Program.compile("'%s'.format([[1, 'a']]).size()", environment: environment, options: Self.checked).resultType == .int)
        #expect(throws: CELError.self) { try CEL.Program.compile("'%s'.format([[1, 'a']]).size() + [1, 'b'].size()", environment: environment, options: Self.checked) }
        #expect(try CEL.Program.compile("[quantity('1'), quantity('2')]", environment: environment, options: Self.checked).resultType
            == .list(KubernetesQuantity.celType))
    }

    @Test func checkerKnowsLibraryTypes() throws {
        func type(of source: String) throws -> CELType? {
            try CEL.Program.compile(source, environment: .kubernetes, options: Self.checked).resultType
        }
        #expect(try type(of: "quantity('1').add(1)") == KubernetesQuantity.celType)
        #expect(try type(of: "[1, 2].sum()") == .int)
        #expect(try type(of: "[1.0].max()") == .double)
        #expect(try type(of: "url('/a').getQuery()") == .map(.string, .list(.string)))
        #expect(try type(of: "cidr('10.0.0.0/8').ip()") == KubernetesIPAddress.celType)
        #expect(try type(of: "'a'.findAll('a')") == .list(.string))
        #expect(try type(of: "semver('1.0.0').major()") == .int)
    }

    @Test func costLimitStopsRunawayExpressions() throws {
        let list = "[" + (0..<200).map(String.init).joined(separator: ", ") + "]"
        let program = try CEL.Program.compile("\(list).all(x, \(list).all(y, \(list).all(z, true)))",
                                              environment: .kubernetes, options: Self.checked)
        let evaluation = program.evaluateWithCost()
        guard case .error(let error) = evaluation.value else {
            Issue.record("expected the cost limit to stop evaluation, got \(evaluation.value.typedJSONText)")
            return
        }
        #expect(error.message.contains("cost limit"))
        #expect(evaluation.cost > CEL.Environment.kubernetesPerCallCostLimit)
        #expect(evaluation.cost < 2 * CEL.Environment.kubernetesPerCallCostLimit)
    }
}
