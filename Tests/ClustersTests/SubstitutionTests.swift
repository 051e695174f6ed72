import Testing
import Rendering
@testable import Clusters

@Suite struct SubstitutionTests {
    private func substitution(_ values: [String: String], strategy: PostBuild.Strategy = .withVariables,
                              strict: Bool = true) -> Substitution {
        Substitution(variables: values.mapValues { Substitution.Variable($0) }, strategy: strategy, strict: strict, owner: "flux-system/apps")
    }

    @Test func reparsesSoTypesFollowTheValue() throws {
        let object = try parse("""
            kind: Deployment
            metadata:
              name: web
              annotations:
                quoted: "${N}"
            spec:
              replicas: "${N}"
              paused: ${FLAG}
              label: 'x ${N}'
            """)
        let result = try substitution(["N": "3", "FLAG": "on"]).apply(to: object)
        // The serialiser writes "${N}" plain, so quoting in the source does not keep a string.
        #expect(result[path: ["spec", "replicas"]]?.scalar == Scalar("3", tag: .int))
        #expect(result[path: ["metadata", "annotations", "quoted"]]?.scalar == Scalar("3", tag: .int))
        // go-yaml v2 reads `on` as a boolean when the JSON is rebuilt.
        #expect(result[path: ["spec", "paused"]]?.scalar == Scalar("true", tag: .bool))
        #expect(result[path: ["spec", "label"]]?.scalar == Scalar("x 3", tag: .string))
        #expect(result[path: ["spec", "replicas"]]?.origin?.changedBy == "postBuild substitution (flux-system/apps)")
    }

    @Test func aValueThatBreaksQuotingFailsLikeTheController() throws {
        let object = try parse("kind: ConfigMap\nmetadata: {name: c}\ndata: {a: ' ${V}'}\n")
        #expect(throws: RenderError.self) { try substitution(["V": "it's"]).apply(to: object) }
        let empty = try substitution(["V": ""]).apply(to: try parse("kind: ConfigMap\ndata: {a: '${V}'}\n"))
        #expect(empty[path: ["data", "a"]]?.isNull == true)
    }

    @Test func strictModeReportsEveryUnsetVariableWithThePlace() throws {
        let object = try parse("kind: Deployment\nmetadata: {name: web, namespace: apps}\nspec: {a: '${ONE}', b: '${TWO}', c: '${THREE:=3}'}\n")
        do {
            _ = try substitution(["OTHER": "x"]).apply(to: object)
            Issue.record("expected a strict-mode failure")
        } catch {
            #expect(error.kind == .substitution)
            #expect(error.message.contains("'Deployment/apps/web'"))
            #expect(error.message.contains(#"variable not set (strict mode): "ONE" at spec.a"#))
            #expect(error.message.contains(#""TWO" at spec.b"#))
            #expect(error.location?.line == 3)
        }
        let lenient = try substitution(["OTHER": "x"], strict: false).apply(to: object)
        #expect(lenient[path: ["spec", "a"]]?.isNull == true)
        #expect(lenient[path: ["spec", "c"]]?.scalar == Scalar("3", tag: .int))
    }

    @Test func optOutAndStrategy() throws {
        let disabled = try parse("kind: ConfigMap\nmetadata:\n  name: c\n  labels: {kustomize.toolkit.fluxcd.io/substitute: disabled}\ndata: {a: '${A}'}\n")
        #expect(try substitution(["A": "1"]).apply(to: disabled) == disabled)
        let defaulted = try parse("kind: ConfigMap\ndata:\n  a: '${A:=fallback}'\n  b: $${KEEP}\n")
        // WithVariables skips objects entirely when nothing was resolved, Always still expands.
        #expect(try substitution([:]).apply(to: defaulted) == defaulted)
        let always = try substitution([:], strategy: .always).apply(to: defaulted)
        #expect(always[path: ["data", "a"]]?.text == "fallback")
        #expect(always[path: ["data", "b"]]?.text == "${KEEP}")
    }

    @Test func invalidVariableNamesFail() throws {
        let object = try parse("kind: ConfigMap\ndata: {a: x}\n")
        #expect(throws: RenderError.self) { try substitution(["my-var": "1"]).apply(to: object) }
    }

    @Test func inlineValuesBeatSubstituteFromAndSecretsAreDecoded() throws {
        let spec = try parse("""
            postBuild:
              substitute: {A: inline}
              substituteFrom:
              - {kind: ConfigMap, name: vars}
              - {kind: Secret, name: secret-vars}
              - {kind: ConfigMap, name: absent, optional: true}
            """)
        let postBuild = try #require(try PostBuild(spec: spec))
        let objects = [
            "ConfigMap/vars": try parse("data: {A: from-map, B: \"multi\\nline\", C: map}"),
            "Secret/secret-vars": try parse("data: {C: c2VjcmV0}\nstringData: {D: plain}"),
        ]
        let resolved = try Substitution.resolving(postBuild, namespace: "flux-system", owner: "o") { kind, name, _ in
            objects["\(kind)/\(name)"]
        }
        #expect(resolved.variables.mapValues(\.value) == ["A": "inline", "B": "multiline", "C": "secret", "D": "plain"])
        let required = PostBuild(substituteFrom: [PostBuild.Source(kind: "ConfigMap", name: "absent")])
        #expect(throws: RenderError.self) {
            try Substitution.resolving(required, namespace: "flux-system", owner: "o") { _, _, _ in nil }
        }
    }

    @Test func emitterStyleModel() {
        #expect(EmittedScalar.style(of: "${A}") == .plain)
        #expect(EmittedScalar.style(of: "a: ${A}") == .singleQuoted)
        #expect(EmittedScalar.style(of: " ${A}") == .singleQuoted)
        #expect(EmittedScalar.style(of: "x\n${A}") == .literal)
        #expect(EmittedScalar.style(of: "\t${A}") == .doubleQuoted)
    }
}
