/// The Common Expression Language, as Kubernetes uses it for ValidatingAdmissionPolicy and CRD
/// validation: lexer, parser, checker and evaluator live in this module.
///
/// ```swift
/// var env = CEL.Environment.standard
/// env.declare(variable: "object")
/// let program = try CEL.Program.compile("object.spec.replicas >= 2", environment: env)
/// let result = program.evaluate(["object": CEL.Value(native: decodedYAML)])
/// ```
public enum CEL {}
