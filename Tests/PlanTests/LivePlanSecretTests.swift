import Foundation
import KubeClient
import KubeDouble
import Testing
@testable import Plan

@Suite struct LivePlanSecretTests {
    static let oldPassword = "hunter2-old-password"
    static let newPassword = "hunter2-new-password"

    /// Every spelling of a value a reader could recognise.
    static func spellings(_ value: String) -> [String] { [value, Data(value.utf8).base64EncodedString()] }

    @Test func secretValuesNeverReachTheDiffOrTheReports() throws {
        let cluster = try LiveCluster()
        try cluster.applyAsExecutor(LivePlans.namespace("shop"))
        try cluster.applyAsExecutor(LivePlans.secret("db", password: Self.oldPassword))
        let plan = LivePlans.plan(apps: [LivePlans.secret("db", password: Self.newPassword), LivePlans.configMap("settings", namespace: "shop")])
        let live = try LivePlanner.classify(plan, api: cluster.api, prune: true)
        let secret = try #require(live.object("Secret shop/db"))
        #expect(secret.action == .update)
        let diff = try #require(secret.diff)
        #expect(diff.hasPrefix("--- live/Secret/shop/db\n+++ planned/Secret/shop/db\n"))
        #expect(diff.contains("-  password: '\(SecretMasking.masked)'\n"))
        #expect(diff.contains("+  password: '\(SecretMasking.maskedChanged)'\n"))

        let outputs = [diff, LivePlanReport.text(live), LivePlanReport.markdown(live), live.clusters[0].warnings.joined()]
        for output in outputs {
            for value in Self.spellings(Self.oldPassword) + Self.spellings(Self.newPassword) { #expect(!output.contains(value)) }
        }
        // The plan file stores the new manifest as the cluster needs it, never the live value.
        let file = live.fileText()
        for value in Self.spellings(Self.oldPassword) { #expect(!file.contains(value)) }
        #expect(file.contains(Data(Self.newPassword.utf8).base64EncodedString()))
    }

    @Test func secretValuesAreMaskedInServerMessages() {
        let manifest = LivePlans.secret("db", password: Self.newPassword)
        let error = KubeError(kind: .invalid, request: "PATCH /api/v1/namespaces/shop/secrets/db", httpStatus: 422,
                              status: APIStatus(code: 422, reason: "Invalid", message: "data[password]: Invalid value: \"\(Self.newPassword)\"",
                                                causes: [.init(type: "FieldValueInvalid", message: "bad \(Data(Self.newPassword.utf8).base64EncodedString())", field: "data")]),
                              message: "data[password]: Invalid value: \"\(Self.newPassword)\"")
        let scrubbed = LivePlanError(subject: "Secret shop/db", error: error, secret: manifest)
        for value in Self.spellings(Self.newPassword) {
            #expect(!scrubbed.description.contains(value))
            #expect(!(scrubbed.error.status?.causes.map(\.message).joined().contains(value) ?? true))
        }
        #expect(scrubbed.description.contains("Invalid value: \"\(SecretMasking.masked)\""))
        #expect(scrubbed.reason == "Invalid")
    }
}
