import Testing
@testable import CEL

@Suite struct KubernetesNetworkTests {
    private func ip(_ text: String) throws -> KubernetesIPAddress { try KubernetesIPAddress(parsing: text) }
    private func cidr(_ text: String) throws -> KubernetesCIDR { try KubernetesCIDR(parsing: text) }

    @Test(arguments: [
        ("192.168.0.1", "192.168.0.1"), ("0.0.0.0", "0.0.0.0"), ("2001:db8::68", "2001:db8::68"),
        ("2001:DB8::1", "2001:db8::1"), ("::", "::"), ("::1", "::1"), ("1::", "1::"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"), ("1:0:0:1:0:0:0:1", "1:0:0:1::1"),
        ("1:0:0:0:1:0:0:1", "1::1:0:0:1"), ("1:2:3:4:5:6:0:8", "1:2:3:4:5:6:0:8"),
        ("::1.2.3.4", "::102:304"), ("fe80::1:2:3:4", "fe80::1:2:3:4"),
    ])
    func parsesAndPrintsCanonically(_ text: String, _ canonical: String) throws {
        #expect(try ip(text).description == canonical)
        #expect(try KubernetesIPAddress.isCanonical(text) == (text == canonical))
    }

    @Test(arguments: [
        "", "192.168.0.1.0", "192.168.0", "192.168.00.1", "01.2.3.4", "256.1.1.1", "1.2.3.-4", "1..2.3",
        "1.2.3.4 ", " 1.2.3.4", "fe80::1%en0", "fe80::1%", "::ffff:192.168.0.1", "::ffff:c0a8:1", "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7::8", "12345::", "1:::2", "1::2::3", ":1::", "1:", "example.com", "1.2.3.4/32", "::1.2.3",
        "1:2:3:4:5:6:7:1.2.3.4",
    ])
    func rejectsWhatKubernetesRejects(_ text: String) {
        #expect(!KubernetesIPAddress.isValid(text), "\(text)")
    }

    @Test func namesTheReasonForRejection() {
        #expect(throws: KubernetesNetworkError.zoneNotAllowed("fe80::1%en0")) { try ip("fe80::1%en0") }
        #expect(throws: KubernetesNetworkError.mappedIPv4NotAllowed("::ffff:1.2.3.4")) { try ip("::ffff:1.2.3.4") }
        #expect(throws: KubernetesNetworkError.self) { try KubernetesIPAddress.isCanonical("127.0.0.1.0") }
    }

    @Test func classifiesLikeGoNetip() throws {
        #expect(try ip("192.168.0.1").family == .ipv4)
        #expect(try ip("2001:db8::68").family == .ipv6)
        #expect(try ip("::").isUnspecified)
        #expect(try ip("0.0.0.0").isUnspecified)
        #expect(try !ip("127.0.0.1").isUnspecified)
        #expect(try ip("127.0.0.1").isLoopback)
        #expect(try ip("127.255.0.9").isLoopback)
        #expect(try ip("::1").isLoopback)
        #expect(try ip("192.168.0.1").isGlobalUnicast)
        #expect(try ip("10.0.0.1").isGlobalUnicast)
        #expect(try ip("fd00::1").isGlobalUnicast)
        #expect(try !ip("255.255.255.255").isGlobalUnicast)
        #expect(try !ip("ff00::1").isGlobalUnicast)
        #expect(try !ip("fe80::1").isGlobalUnicast)
        #expect(try ip("224.0.0.251").isLinkLocalMulticast)
        #expect(try !ip("224.0.1.1").isLinkLocalMulticast)
        #expect(try ip("ff02::1").isLinkLocalMulticast)
        #expect(try ip("ff12::1").isLinkLocalMulticast)
        #expect(try ip("169.254.169.254").isLinkLocalUnicast)
        #expect(try !ip("192.168.0.1").isLinkLocalUnicast)
        #expect(try ip("fe80::1").isLinkLocalUnicast)
        #expect(try ip("febf::1").isLinkLocalUnicast)
        #expect(try !ip("fd80::1").isLinkLocalUnicast)
        #expect(try ip("2001:db8::1") == ip("2001:DB8::1"))
    }

    @Test func parsesCIDRs() throws {
        #expect(try cidr("192.168.0.0/24").description == "192.168.0.0/24")
        #expect(try cidr("2001:db8::/32").description == "2001:db8::/32")
        #expect(try cidr("192.168.0.1/24").address == ip("192.168.0.1"))
        #expect(try cidr("192.168.0.1/24").masked() == cidr("192.168.0.0/24"))
        #expect(try cidr("2001:db8:1::/32").masked() == cidr("2001:db8::/32"))
        #expect(try cidr("192.168.0.1/24") != cidr("192.168.0.1/24").masked())
        #expect(try cidr("::1/128").prefixLength == 128)
        #expect(try cidr("0.0.0.0/0").masked().description == "0.0.0.0/0")
        #expect(try cidr("10.1.2.3/0").masked().description == "0.0.0.0/0")
        #expect(try cidr("10.255.255.255/9").masked().description == "10.128.0.0/9")
        #expect(try cidr("ffff:ffff:ffff:ffff:ffff::/65").masked().description == "ffff:ffff:ffff:ffff:8000::/65")
    }

    @Test(arguments: [
        "192.168.0.0/", "192.168.0.0", "192.168.0.0/33", "::1/129", "10.0.0.0/08", "10.0.0.0/+8", "10.0.0.0/-1",
        "fe80::1%en0/64", "::ffff:1.2.3.4/120", "/8", "010.0.0.0/8",
    ])
    func rejectsBadCIDRs(_ text: String) {
        #expect(!KubernetesCIDR.isValid(text), "\(text)")
    }

    @Test func containment() throws {
        #expect(try cidr("192.168.0.0/24").contains(ip("192.168.0.1")))
        #expect(try !cidr("192.168.0.0/24").contains(ip("192.168.1.1")))
        #expect(try cidr("2001:db8::/32").contains(ip("2001:db8::1")))
        #expect(try !cidr("2001:db8::/32").contains(ip("2001:dc8::1")))
        #expect(try !cidr("0.0.0.0/0").contains(ip("::1")))
        #expect(try cidr("::/0").contains(ip("2001:db8::1")))
        #expect(try cidr("192.168.0.0/24").contains(cidr("192.168.0.0/25")))
        #expect(try cidr("192.168.0.0/24").contains(cidr("192.168.0.1/32")))
        #expect(try !cidr("192.168.0.0/24").contains(cidr("192.168.0.0/23")))
        #expect(try cidr("192.168.0.0/16").contains(cidr("192.168.10.0/24")))
        #expect(try !cidr("192.168.1.0/24").contains(cidr("192.168.2.0/24")))
        #expect(try cidr("10.0.0.0/8").contains(cidr("10.0.0.0/8")))
        #expect(try cidr("2001:db8::/32").contains(cidr("2001:db8::/33")))
        #expect(try !cidr("2001:db8::/32").contains(cidr("2001:db8::/31")))
        #expect(try !cidr("0.0.0.0/0").contains(cidr("::/0")))
    }
}
