/// `kubernetes.net.ip` and `kubernetes.net.cidr` (also cel-go's `ext.Network`): `ip()`,
/// `isIP()`, `ip.isCanonical()`, address classification, `cidr()`, `isCIDR()`, containment,
/// `ip()`, `masked()` and `prefixLength()` on prefixes. `string()` gives the canonical text.
extension CEL.Environment {
    public mutating func addKubernetesIPLibrary() {
        let ip = KubernetesIPAddress.celType
        declare(typeNamed: KubernetesIPAddress.celTypeName, as: ip)
        addFunction("ip", id: "string_to_ip", parameters: [.string], result: ip) { a in
            guard case .string(let text) = a[0] else { return .noSuchOverload("ip", a) }
            return KubernetesNetwork.address(text)
        }
        addFunction("isIP", id: "is_ip", parameters: [.string], result: .bool) { a in
            guard case .string(let text) = a[0] else { return .noSuchOverload("isIP", a) }
            return .bool(KubernetesIPAddress.isValid(text))
        }
        addFunction("ip.isCanonical", id: "ip_is_canonical", parameters: [.string], result: .bool) { a in
            guard case .string(let text) = a[0] else { return .noSuchOverload("ip.isCanonical", a) }
            do {
                return .bool(try KubernetesIPAddress.isCanonical(text))
            } catch {
                return .failure(error)
            }
        }
        addMethod("family", id: "ip_family", on: ip, result: .int) { a in
            guard let address = a[0].opaqueValue(KubernetesIPAddress.self) else { return .noSuchOverload("family", a) }
            return .int(Int64(address.family.rawValue))
        }
        let tests: [(String, String, @Sendable (KubernetesIPAddress) -> Bool)] = [
            ("isUnspecified", "ip_is_unspecified", \.isUnspecified),
            ("isLoopback", "ip_is_loopback", \.isLoopback),
            ("isLinkLocalMulticast", "ip_is_link_local_multicast", \.isLinkLocalMulticast),
            ("isLinkLocalUnicast", "ip_is_link_local_unicast", \.isLinkLocalUnicast),
            ("isGlobalUnicast", "ip_is_global_unicast", \.isGlobalUnicast),
        ]
        for (name, id, test) in tests {
            addMethod(name, id: id, on: ip, result: .bool) { a in
                guard let address = a[0].opaqueValue(KubernetesIPAddress.self) else { return .noSuchOverload(name, a) }
                return .bool(test(address))
            }
        }
    }

    public mutating func addKubernetesCIDRLibrary() {
        let cidr = KubernetesCIDR.celType
        let ip = KubernetesIPAddress.celType
        declare(typeNamed: KubernetesCIDR.celTypeName, as: cidr)
        addFunction("cidr", id: "string_to_cidr", parameters: [.string], result: cidr) { a in
            guard case .string(let text) = a[0] else { return .noSuchOverload("cidr", a) }
            return KubernetesNetwork.prefix(text)
        }
        addFunction("isCIDR", id: "is_cidr", parameters: [.string], result: .bool) { a in
            guard case .string(let text) = a[0] else { return .noSuchOverload("isCIDR", a) }
            return .bool(KubernetesCIDR.isValid(text))
        }
        // The string overloads parse their argument with the same rules as `ip()` / `cidr()`.
        add(function: "containsIP", [
            CEL.Overload("cidr_contains_ip_ip", receiverStyle: true, parameters: [cidr, ip], result: .bool,
                         implementation: KubernetesNetwork.containsIP),
            CEL.Overload("cidr_contains_ip_string", receiverStyle: true, parameters: [cidr, .string], result: .bool,
                         implementation: KubernetesNetwork.containsIP),
        ])
        add(function: "containsCIDR", [
            CEL.Overload("cidr_contains_cidr", receiverStyle: true, parameters: [cidr, cidr], result: .bool,
                         implementation: KubernetesNetwork.containsCIDR),
            CEL.Overload("cidr_contains_cidr_string", receiverStyle: true, parameters: [cidr, .string], result: .bool,
                         implementation: KubernetesNetwork.containsCIDR),
        ])
        addMethod("ip", id: "cidr_ip", on: cidr, result: ip) { a in
            guard let prefix = a[0].opaqueValue(KubernetesCIDR.self) else { return .noSuchOverload("ip", a) }
            return .opaque(prefix.address)
        }
        addMethod("masked", id: "cidr_masked", on: cidr, result: cidr) { a in
            guard let prefix = a[0].opaqueValue(KubernetesCIDR.self) else { return .noSuchOverload("masked", a) }
            return .opaque(prefix.masked())
        }
        addMethod("prefixLength", id: "cidr_prefix_length", on: cidr, result: .int) { a in
            guard let prefix = a[0].opaqueValue(KubernetesCIDR.self) else { return .noSuchOverload("prefixLength", a) }
            return .int(Int64(prefix.prefixLength))
        }
    }
}

enum KubernetesNetwork {
    typealias Value = CEL.Value

    static func address(_ text: String) -> Value {
        do {
            return .opaque(try KubernetesIPAddress(parsing: text))
        } catch {
            return .failure(error)
        }
    }

    static func prefix(_ text: String) -> Value {
        do {
            return .opaque(try KubernetesCIDR(parsing: text))
        } catch {
            return .failure(error)
        }
    }

    static func containsIP(_ arguments: [Value]) -> Value {
        guard let network = arguments[0].opaqueValue(KubernetesCIDR.self) else { return .noSuchOverload("containsIP", arguments) }
        let member = if case .string(let text) = arguments[1] { address(text) } else { arguments[1] }
        if case .error = member { return member }
        guard let address = member.opaqueValue(KubernetesIPAddress.self) else { return .noSuchOverload("containsIP", arguments) }
        return .bool(network.contains(address))
    }

    static func containsCIDR(_ arguments: [Value]) -> Value {
        guard let network = arguments[0].opaqueValue(KubernetesCIDR.self) else { return .noSuchOverload("containsCIDR", arguments) }
        let member = if case .string(let text) = arguments[1] { prefix(text) } else { arguments[1] }
        if case .error = member { return member }
        guard let other = member.opaqueValue(KubernetesCIDR.self) else { return .noSuchOverload("containsCIDR", arguments) }
        return .bool(network.contains(other))
    }
}
