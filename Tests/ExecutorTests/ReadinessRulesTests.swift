import KubeClient
import Testing
@testable import Executor

/// The kstatus rule set of docs/apply.md, table by table.
@Suite struct ReadinessRulesTests {
    static func object(_ text: String) throws -> JSON { try JSON.parse(text) }

    static func verdict(_ text: String) throws -> Readiness { ReadinessRules.evaluate(try object(text)) }

    @Test func genericRules() throws {
        #expect(ReadinessRules.evaluate(nil) == .notFound)
        #expect(try Self.verdict(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}"#) == .current)
        #expect(try Self.verdict(#"{"apiVersion":"x/v1","kind":"Thing","metadata":{"name":"a","deletionTimestamp":"2024-01-01T00:00:00Z"}}"#) == .terminating)
        #expect(try Self.verdict(#"{"apiVersion":"x/v1","kind":"Thing","metadata":{"generation":2},"status":{"observedGeneration":1}}"#)
                == .inProgress("observedGeneration 1 is not generation 2"))
        // A missing observedGeneration does not hold a generic kind back (kstatus).
        #expect(try Self.verdict(#"{"apiVersion":"x/v1","kind":"Thing","metadata":{"generation":2}}"#) == .current)
        #expect(try Self.verdict(#"{"apiVersion":"x/v1","kind":"Thing","status":{"conditions":[{"type":"Ready","status":"False"}]}}"#).isCurrent == false)
        #expect(try Self.verdict(#"{"apiVersion":"x/v1","kind":"Thing","status":{"conditions":[{"type":"Ready","status":"True"}]}}"#) == .current)
        #expect(try Self.verdict(#"{"apiVersion":"x/v1","kind":"Thing","status":{"conditions":[{"type":"Stalled","status":"True","message":"boom"}]}}"#) == .failed("boom"))
        #expect(try Self.verdict(#"{"apiVersion":"x/v1","kind":"Thing","status":{"conditions":[{"type":"Reconciling","status":"True"}]}}"#) == .inProgress("Reconciling"))
    }

    @Test func deployments() throws {
        let ready = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"replicas":2,"updatedReplicas":2,"readyReplicas":2,"availableReplicas":2,"conditions":[{"type":"Available","status":"True"}]}}"#
        #expect(try Self.verdict(ready) == .current)
        let rolling = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"replicas":2,"updatedReplicas":2,"readyReplicas":1,"availableReplicas":1}}"#
        #expect(try Self.verdict(rolling) == .inProgress("1/2 replicas available"))
        let fresh = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":1},"spec":{}}"#
        #expect(try Self.verdict(fresh) == .inProgress("the controller has not observed it yet"))
        let stuck = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":1},"status":{"observedGeneration":1,"conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded"}]}}"#
        #expect(try Self.verdict(stuck).isFailed)
    }

    @Test func statefulSetsAndDaemonSets() throws {
        let sts = #"{"apiVersion":"apps/v1","kind":"StatefulSet","spec":{"replicas":1},"status":{"observedGeneration":1,"replicas":1,"readyReplicas":1,"currentReplicas":1,"currentRevision":"a","updateRevision":"b"}}"#
        #expect(try Self.verdict(sts) == .inProgress("rolling out revision b"))
        let onDelete = #"{"apiVersion":"apps/v1","kind":"StatefulSet","spec":{"updateStrategy":{"type":"OnDelete"}}}"#
        #expect(try Self.verdict(onDelete) == .current)
        let ds = #"{"apiVersion":"apps/v1","kind":"DaemonSet","status":{"observedGeneration":1,"desiredNumberScheduled":0}}"#
        #expect(try Self.verdict(ds) == .current)
        let dsWaiting = #"{"apiVersion":"apps/v1","kind":"DaemonSet","status":{"observedGeneration":1,"desiredNumberScheduled":2,"currentNumberScheduled":2,"updatedNumberScheduled":2,"numberAvailable":1,"numberReady":1}}"#
        #expect(try Self.verdict(dsWaiting) == .inProgress("numberAvailable 1/2"))
    }

    @Test func jobsFollowFluxNotUpstreamKstatus() throws {
        #expect(try Self.verdict(#"{"apiVersion":"batch/v1","kind":"Job","status":{"startTime":"t","active":1}}"#) == .inProgress("running"))
        #expect(try Self.verdict(#"{"apiVersion":"batch/v1","kind":"Job","status":{"conditions":[{"type":"Complete","status":"True"}]}}"#) == .current)
        #expect(try Self.verdict(#"{"apiVersion":"batch/v1","kind":"Job","status":{"conditions":[{"type":"Failed","status":"True","message":"BackoffLimitExceeded"}]}}"#) == .failed("Job failed: BackoffLimitExceeded"))
        #expect(try Self.verdict(#"{"apiVersion":"batch/v1","kind":"Job","spec":{"suspend":true}}"#) == .current)
        // A finished Job removed by its TTL counts as done.
        #expect(ReadinessWaiter.verdict(for: ObjectIdentity(apiVersion: "batch/v1", kind: "Job", namespace: "a", name: "j"), live: nil) == .current)
    }

    @Test func servicesVolumesNamespacesAndCRDs() throws {
        #expect(try Self.verdict(#"{"apiVersion":"v1","kind":"Service","spec":{"type":"ClusterIP"}}"#) == .current)
        #expect(try Self.verdict(#"{"apiVersion":"v1","kind":"Service","spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{}}}"#)
                == .inProgress("LoadBalancer has no ingress address yet"))
        #expect(try Self.verdict(#"{"apiVersion":"v1","kind":"Service","spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{"ingress":[{"ip":"10.0.0.1"}]}}}"#) == .current)
        #expect(try Self.verdict(#"{"apiVersion":"v1","kind":"PersistentVolumeClaim","status":{"phase":"Pending"}}"#).isCurrent == false)
        #expect(try Self.verdict(#"{"apiVersion":"v1","kind":"PersistentVolumeClaim","status":{"phase":"Bound"}}"#) == .current)
        #expect(try Self.verdict(#"{"apiVersion":"v1","kind":"Namespace","status":{"phase":"Active"}}"#) == .current)
        #expect(try Self.verdict(#"{"apiVersion":"v1","kind":"Namespace","status":{"phase":"Terminating"}}"#).isCurrent == false)
        let installing = #"{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","status":{"conditions":[{"type":"Established","status":"False","reason":"Installing"}]}}"#
        #expect(try Self.verdict(installing) == .inProgress("not Established yet"))
        let established = #"{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","status":{"conditions":[{"type":"NamesAccepted","status":"True"},{"type":"Established","status":"True"}]}}"#
        #expect(try Self.verdict(established) == .current)
        let clash = #"{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","status":{"conditions":[{"type":"NamesAccepted","status":"False","message":"taken"}]}}"#
        #expect(try Self.verdict(clash).isFailed)
    }

    @Test func pods() throws {
        #expect(try Self.verdict(#"{"apiVersion":"v1","kind":"Pod","status":{"phase":"Succeeded"}}"#) == .current)
        #expect(try Self.verdict(#"{"apiVersion":"v1","kind":"Pod","status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}"#) == .current)
        let crashing = #"{"apiVersion":"v1","kind":"Pod","status":{"phase":"Running","containerStatuses":[{"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}"#
        #expect(try Self.verdict(crashing).isFailed)
    }
}
