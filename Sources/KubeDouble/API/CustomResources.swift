/// CustomResourceDefinitions: validation on write, and the resource types an
/// established CRD serves.
enum CustomResources {
    static func validate(_ crd: JSONValue, name: String) throws(APIError) {
        guard let type = BuiltinResources.crd else { return }
        var causes: [(field: String, message: String)] = []
        let group = crd.value(at: ["spec", "group"])?.stringValue ?? ""
        let plural = crd.value(at: ["spec", "names", "plural"])?.stringValue ?? ""
        let kind = crd.value(at: ["spec", "names", "kind"])?.stringValue ?? ""
        if group.isEmpty { causes.append(("spec.group", "Required value")) }
        if plural.isEmpty { causes.append(("spec.names.plural", "Required value")) }
        if kind.isEmpty { causes.append(("spec.names.kind", "Required value")) }
        if !group.isEmpty, !plural.isEmpty, name != "\(plural).\(group)" {
            causes.append(("metadata.name", "Invalid value: \"\(name)\": must be spec.names.plural+\".\"+spec.group"))
        }
        let scope = crd.value(at: ["spec", "scope"])?.stringValue ?? ""
        if scope != "Namespaced", scope != "Cluster" {
            causes.append(("spec.scope", "Unsupported value: \"\(scope)\": supported values: \"Cluster\", \"Namespaced\""))
        }
        let versions = crd.value(at: ["spec", "versions"])?.arrayValue ?? []
        if versions.isEmpty { causes.append(("spec.versions", "Invalid value: null: must have exactly one version marked as storage version")) }
        let storage = versions.filter { $0["storage"]?.boolValue == true }.count
        if !versions.isEmpty, storage != 1 {
            causes.append(("spec.versions", "Invalid value: \(storage): must have exactly one version marked as storage version"))
        }
        guard causes.isEmpty else { throw APIError.invalid(type, name: name, causes: causes) }
    }

    /// The served resource types of a CRD object.
    static func types(of crd: JSONValue) -> [ResourceType] {
        guard let group = crd.value(at: ["spec", "group"])?.stringValue,
            let plural = crd.value(at: ["spec", "names", "plural"])?.stringValue,
            let kind = crd.value(at: ["spec", "names", "kind"])?.stringValue,
            let name = crd.value(at: ["metadata", "name"])?.stringValue
        else { return [] }
        let namespaced = crd.value(at: ["spec", "scope"])?.stringValue != "Cluster"
        let shortNames = crd.value(at: ["spec", "names", "shortNames"])?.arrayValue?.compactMap(\.stringValue) ?? []
        let singular = crd.value(at: ["spec", "names", "singular"])?.stringValue
        let versions = crd.value(at: ["spec", "versions"])?.arrayValue ?? []
        return versions.compactMap { version in
            guard let versionName = version["name"]?.stringValue, version["served"]?.boolValue ?? true else { return nil }
            var type = ResourceType(
                group: group, version: versionName, kind: kind, plural: plural, namespaced: namespaced,
                shortNames: shortNames, hasGeneration: true,
                hasStatus: version.value(at: ["subresources", "status"]) != nil, definedBy: name)
            if let singular, !singular.isEmpty { type.singular = singular }
            return type
        }
    }

    static func condition(_ type: String, _ status: String, reason: String, message: String, at time: String) -> JSONValue {
        ["type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message), "lastTransitionTime": .string(time)]
    }
}

extension APIState {
    /// Keeps the served types of an established CRD in step with its spec.
    func refreshCustomTypes(crdKey: ObjectKey) {
        guard let crd = objects[crdKey] else {
            customTypes.removeValue(forKey: crdKey.name)
            return
        }
        if customTypes[crdKey.name] != nil { customTypes[crdKey.name] = CustomResources.types(of: crd.body) }
    }

    func establish(crdKey: ObjectKey) {
        guard var crd = objects[crdKey], !crd.isDeleting else { return }
        customTypes[crdKey.name] = CustomResources.types(of: crd.body)
        crd.body.setValue(.array(crdConditions(established: true)), at: ["status", "conditions"])
        commit(crd, key: crdKey, event: "MODIFIED")
    }

    func crdConditions(established: Bool) -> [JSONValue] {
        [
            CustomResources.condition("NamesAccepted", "True", reason: "NoConflicts", message: "no conflicts found", at: timestamp),
            established
                ? CustomResources.condition("Established", "True", reason: "InitialNamesAccepted", message: "the initial names have been accepted", at: timestamp)
                : CustomResources.condition("Established", "False", reason: "Installing", message: "the initial names have been accepted", at: timestamp),
        ]
    }

    /// Sets the CRD's initial status right after creation.
    func crdCreated(crdKey: ObjectKey) {
        guard var crd = objects[crdKey] else { return }
        let names = crd.body.value(at: ["spec", "names"]) ?? [:]
        crd.body.setValue(names, at: ["status", "acceptedNames"])
        crd.body.setValue(.array(crdConditions(established: false)), at: ["status", "conditions"])
        let storedVersions = (crd.body.value(at: ["spec", "versions"])?.arrayValue ?? []).filter { $0["storage"]?.boolValue == true }.compactMap { $0["name"] }
        crd.body.setValue(.array(storedVersions), at: ["status", "storedVersions"])
        commit(crd, key: crdKey, event: "MODIFIED")
    }
}
