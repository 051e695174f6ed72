/// What later stages reason about, classified once per object. Unknown kinds stay `.generic`.
public enum TypedObject: Sendable {
    case fluxKustomization(FluxKustomization)
    case helmRelease(HelmRelease)
    case fluxSource(FluxSource)
    case imageAutomation(FluxImageAutomation)
    case argoApplication(ArgoApplication)
    case argoSupporting(ArgoSupportingObject)
    case customResourceDefinition(CustomResourceDefinition)
    case namespace(NamespaceObject)
    case workload(Workload)
    case secret(SecretObject)
    case configMap(ConfigMapObject)
    case generic(KubernetesObject)

    public init(_ object: KubernetesObject) {
        if let v = FluxKustomization(object) { self = .fluxKustomization(v) }
        else if let v = HelmRelease(object) { self = .helmRelease(v) }
        else if let v = FluxSource(object) { self = .fluxSource(v) }
        else if let v = FluxImageAutomation(object) { self = .imageAutomation(v) }
        else if let v = ArgoApplication(object) { self = .argoApplication(v) }
        else if let v = ArgoSupportingObject(object) { self = .argoSupporting(v) }
        else if let v = CustomResourceDefinition(object) { self = .customResourceDefinition(v) }
        else if let v = NamespaceObject(object) { self = .namespace(v) }
        else if let v = Workload(object) { self = .workload(v) }
        else if let v = SecretObject(object) { self = .secret(v) }
        else if let v = ConfigMapObject(object) { self = .configMap(v) }
        else { self = .generic(object) }
    }
}
