/// A Kubernetes API client on libcurl: kubeconfig, discovery, server-side apply, status polling.
public enum KubeClient {}
