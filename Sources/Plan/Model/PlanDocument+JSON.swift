/// The plan file: `PlanDocument` to and from JSON. Absent optionals are left out rather than
/// written as null, so an offline plan carries no empty live fields.
extension PlanDocument {
    public func json() -> PlanJSON {
        var counts: [String: PlanJSON] = [:]
        for action in PlanAction.allCases { counts[action.rawValue] = .integer(self.counts[action] ?? 0) }
        return .object([
            "schemaVersion": .integer(schemaVersion),
            "source": source.json(),
            "target": target.json(),
            "includeUnitObjects": .bool(includesUnitObjects),
            "summary": .object(counts),
            "clusters": .array(clusters.map { $0.json() }),
        ])
    }

    /// The plan file's bytes: pretty, sorted, newline-terminated.
    public func fileText() -> String { json().pretty() }

    public init(fileBytes bytes: [UInt8]) throws(PlanFileError) {
        try self.init(json: PlanJSONParser.parse(bytes))
    }

    public init(json: PlanJSON) throws(PlanFileError) {
        let reader = Reader(json, path: "plan")
        let version = try reader.int("schemaVersion")
        guard version == PlanDocument.schemaVersion else {
            throw PlanFileError("plan schemaVersion \(version) is not supported (expected \(PlanDocument.schemaVersion))")
        }
        self.init(schemaVersion: version,
                  source: try PlanSource(try reader.child("source")),
                  target: try PlanTarget(try reader.child("target")),
                  includesUnitObjects: try reader.bool("includeUnitObjects"),
                  clusters: try reader.array("clusters").map(PlanCluster.init))
    }
}

extension PlanSource {
    func json() -> PlanJSON {
        var members: [String: PlanJSON] = ["treeHash": .string(treeHash)]
        members["requestedRevision"] = requestedRevision.map(PlanJSON.string)
        members["commit"] = commit.map(PlanJSON.string)
        return .object(members)
    }

    init(_ reader: Reader) throws(PlanFileError) {
        self.init(requestedRevision: try reader.optionalString("requestedRevision"), commit: try reader.optionalString("commit"),
                  treeHash: try reader.string("treeHash"))
    }
}

extension PlanTarget {
    func json() -> PlanJSON {
        var members: [String: PlanJSON] = ["kind": .string(kind.rawValue)]
        members["context"] = context.map(PlanJSON.string)
        members["server"] = server.map(PlanJSON.string)
        return .object(members)
    }

    init(_ reader: Reader) throws(PlanFileError) {
        self.init(kind: try reader.enumeration("kind"), context: try reader.optionalString("context"),
                  server: try reader.optionalString("server"))
    }
}

extension PlanCluster {
    func json() -> PlanJSON {
        .object([
            "name": .string(name),
            "path": .string(path),
            "stages": .array(stages.map { $0.json() }),
            "cycles": .array(cycles.map { .array($0.map(PlanJSON.string)) }),
            "blocked": .array(blocked.map(PlanJSON.string)),
            "warnings": .array(warnings.map(PlanJSON.string)),
        ])
    }

    init(_ reader: Reader) throws(PlanFileError) {
        var cycles: [[String]] = []
        for cycle in try reader.array("cycles") { cycles.append(try cycle.strings()) }
        self.init(name: try reader.string("name"), path: try reader.string("path"),
                  stages: try reader.array("stages").map(PlanStage.init),
                  cycles: cycles, blocked: try reader.strings("blocked"), warnings: try reader.strings("warnings"))
    }
}

extension PlanStage {
    func json() -> PlanJSON {
        .object(["index": .integer(index), "units": .array(units.map { $0.json() })])
    }

    init(_ reader: Reader) throws(PlanFileError) {
        self.init(index: try reader.int("index"), units: try reader.array("units").map(PlanUnit.init))
    }
}

extension PlanUnit {
    func json() -> PlanJSON {
        var members: [String: PlanJSON] = [
            "id": .string(id), "apiVersion": .string(apiVersion), "kind": .string(kind), "namespace": .string(namespace),
            "name": .string(name), "engine": .string(engine.rawValue), "wait": wait.json(), "prune": .bool(prune),
            "appliesUnitObject": .bool(appliesUnitObject), "objects": .array(objects.map { $0.json() }),
        ]
        members["parent"] = parent.map(PlanJSON.string)
        members["renderError"] = renderError.map(PlanJSON.string)
        members["note"] = note.map(PlanJSON.string)
        return .object(members)
    }

    init(_ reader: Reader) throws(PlanFileError) {
        self.init(id: try reader.string("id"), apiVersion: try reader.string("apiVersion"), kind: try reader.string("kind"),
                  namespace: try reader.string("namespace"), name: try reader.string("name"),
                  engine: try reader.enumeration("engine"), parent: try reader.optionalString("parent"),
                  wait: try WaitPolicy(try reader.child("wait")), prune: try reader.bool("prune"),
                  appliesUnitObject: try reader.bool("appliesUnitObject"), renderError: try reader.optionalString("renderError"),
                  note: try reader.optionalString("note"), objects: try reader.array("objects").map(PlanObject.init))
    }
}

extension WaitPolicy {
    func json() -> PlanJSON {
        var members: [String: PlanJSON] = [
            "all": .bool(all),
            "healthChecks": .array(healthChecks.map { $0.json() }),
            "waves": .array(waves.map(PlanJSON.integer)),
        ]
        members["timeout"] = timeout.map(PlanJSON.string)
        members["timeoutSeconds"] = timeoutSeconds.map(PlanJSON.integer)
        members["timeoutSource"] = timeoutSource.map(PlanJSON.string)
        return .object(members)
    }

    init(_ reader: Reader) throws(PlanFileError) {
        var waves: [Int] = []
        for wave in try reader.array("waves") { waves.append(try wave.integer()) }
        self.init(all: try reader.bool("all"), healthChecks: try reader.array("healthChecks").map(ObjectReference.init),
                  timeout: try reader.optionalString("timeout"), timeoutSeconds: try reader.optionalInt("timeoutSeconds"),
                  timeoutSource: try reader.optionalString("timeoutSource"), waves: waves)
    }
}

extension ObjectReference {
    func json() -> PlanJSON {
        .object(["apiVersion": .string(apiVersion), "kind": .string(kind), "namespace": .string(namespace), "name": .string(name)])
    }

    init(_ reader: Reader) throws(PlanFileError) {
        self.init(apiVersion: try reader.string("apiVersion"), kind: try reader.string("kind"),
                  namespace: try reader.string("namespace"), name: try reader.string("name"))
    }
}

extension PlanObject {
    func json() -> PlanJSON {
        var members: [String: PlanJSON] = [
            "apiVersion": .string(apiVersion), "kind": .string(kind), "namespace": .string(namespace), "name": .string(name),
            "role": .string(role.rawValue), "gate": .integer(gate), "gateWaited": .bool(gateWaited), "phase": .string(phase),
            "action": .string(action.rawValue), "requires": .array(requires.map(PlanJSON.string)),
        ]
        members["wave"] = wave.map(PlanJSON.integer)
        members["manifest"] = manifest
        members["contentHash"] = contentHash.map(PlanJSON.string)
        members["uid"] = uid.map(PlanJSON.string)
        members["resourceVersion"] = resourceVersion.map(PlanJSON.string)
        members["diff"] = diff.map(PlanJSON.string)
        return .object(members)
    }

    init(_ reader: Reader) throws(PlanFileError) {
        let manifest = reader.json["manifest"]
        self.init(apiVersion: try reader.string("apiVersion"), kind: try reader.string("kind"),
                  namespace: try reader.string("namespace"), name: try reader.string("name"),
                  role: try reader.enumeration("role"), gate: try reader.int("gate"), gateWaited: try reader.bool("gateWaited"),
                  phase: try reader.string("phase"), wave: try reader.optionalInt("wave"), manifest: manifest,
                  action: try reader.enumeration("action"), requires: try reader.strings("requires"),
                  uid: try reader.optionalString("uid"), resourceVersion: try reader.optionalString("resourceVersion"),
                  diff: try reader.optionalString("diff"))
        guard manifest?.objectValue != nil || (manifest == nil && action == .prune) else {
            throw PlanFileError("\(reader.path): manifest must be an object (it may be left out only for prune)")
        }
        // A recorded hash that does not match the manifest means the file was edited by hand.
        let recorded = try reader.optionalString("contentHash")
        guard recorded == contentHash else {
            throw PlanFileError("\(reader.path): contentHash does not match the manifest")
        }
    }
}

/// Typed member access with errors that name the path into the document, never the value.
struct Reader {
    let json: PlanJSON
    let path: String

    init(_ json: PlanJSON, path: String) {
        self.json = json
        self.path = path
    }

    private func member(_ key: String) throws(PlanFileError) -> PlanJSON {
        guard json.objectValue != nil else { throw PlanFileError("\(path): expected an object") }
        guard let value = json[key] else { throw PlanFileError("\(path).\(key): missing") }
        return value
    }

    private func mismatch(_ key: String, _ type: String) -> PlanFileError { PlanFileError("\(path).\(key): expected \(type)") }

    func child(_ key: String) throws(PlanFileError) -> Reader { Reader(try member(key), path: "\(path).\(key)") }

    func string(_ key: String) throws(PlanFileError) -> String {
        guard let text = try member(key).stringValue else { throw mismatch(key, "a string") }
        return text
    }

    func optionalString(_ key: String) throws(PlanFileError) -> String? {
        guard let value = json[key], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw mismatch(key, "a string") }
        return text
    }

    func bool(_ key: String) throws(PlanFileError) -> Bool {
        guard let flag = try member(key).boolValue else { throw mismatch(key, "a boolean") }
        return flag
    }

    func int(_ key: String) throws(PlanFileError) -> Int {
        guard let number = try member(key).intValue else { throw mismatch(key, "an integer") }
        return number
    }

    func optionalInt(_ key: String) throws(PlanFileError) -> Int? {
        guard let value = json[key], !value.isNull else { return nil }
        guard let number = value.intValue else { throw mismatch(key, "an integer") }
        return number
    }

    func enumeration<T: RawRepresentable>(_ key: String) throws(PlanFileError) -> T where T.RawValue == String {
        guard let value = T(rawValue: try string(key)) else { throw mismatch(key, "a known value") }
        return value
    }

    func array(_ key: String) throws(PlanFileError) -> [Reader] {
        guard let items = try member(key).arrayValue else { throw mismatch(key, "an array") }
        return items.enumerated().map { Reader($1, path: "\(path).\(key)[\($0)]") }
    }

    func strings(_ key: String) throws(PlanFileError) -> [String] {
        var out: [String] = []
        for item in try array(key) { out.append(try item.stringValue()) }
        return out
    }

    func stringValue() throws(PlanFileError) -> String {
        guard let text = json.stringValue else { throw PlanFileError("\(path): expected a string") }
        return text
    }

    func strings() throws(PlanFileError) -> [String] {
        guard let items = json.arrayValue else { throw PlanFileError("\(path): expected an array") }
        var out: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = item.stringValue else { throw PlanFileError("\(path)[\(index)]: expected a string") }
            out.append(text)
        }
        return out
    }

    func integer() throws(PlanFileError) -> Int {
        guard let number = json.intValue else { throw PlanFileError("\(path): expected an integer") }
        return number
    }
}
