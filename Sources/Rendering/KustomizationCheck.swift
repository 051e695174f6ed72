/// Checks a kustomization file makes before anything is built, with kustomize's messages.
enum KustomizationCheck {
    static func validate(_ kustomization: Kustomization) throws(RenderError) {
        guard let apiVersion = kustomization.string("apiVersion") else { return }
        switch kustomization.kind {
        case .component where apiVersion != "kustomize.config.k8s.io/v1alpha1":
            throw RenderError(.invalid, "apiVersion for Component should be kustomize.config.k8s.io/v1alpha1",
                              at: kustomization.origin(of: "apiVersion"))
        case .kustomization where apiVersion != "kustomize.config.k8s.io/v1beta1":
            throw RenderError(.invalid, "apiVersion for Kustomization should be kustomize.config.k8s.io/v1beta1",
                              at: kustomization.origin(of: "apiVersion"))
        default:
            return
        }
    }
}

/// Fields we deliberately do not render; each is a clear error, never silently ignored.
enum Unsupported {
    static let fields: [(key: String, reason: String)] = [
        ("helmCharts", "helmCharts are not inflated: Shipshape does not run helm"),
        ("helmChartInflationGenerator", "helmChartInflationGenerator is not run: Shipshape does not run helm"),
        ("validators", "validators (exec or KRM function plugins) are not run"),
    ]

    static func check(_ kustomization: Kustomization) throws(RenderError) {
        for field in fields {
            if let value = kustomization[field.key], !value.elements.isEmpty || value.isMapping {
                throw RenderError(.unsupported, field.reason, at: value.origin ?? kustomization.origin(of: field.key))
            }
        }
    }
}
