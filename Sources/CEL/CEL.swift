/// The Common Expression Language, as Kubernetes uses it for ValidatingAdmissionPolicy and CRD
/// validation: lexer, parser, checker and evaluator live in this module.
public enum CEL {}
