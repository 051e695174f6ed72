/// Type checker (placeholder until the full inference lands).
struct Checker {
    let environment: CEL.Environment

    func check(_ expr: CEL.Expr) throws(CELError) -> CELType {
        .dyn
    }
}
