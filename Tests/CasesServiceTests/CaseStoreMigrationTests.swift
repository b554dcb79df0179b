import CasesService
import Foundation
import KeikyoModel
import KeikyoTestSupport
import Testing

@Suite("The cases store opened on what an earlier release wrote")
struct CaseStoreMigrationTests {
    @Test("v5-shared-history: the history and idempotency keys an earlier release wrote are read through the shared columns")
    func sharedHistory() async throws {
        try await withTestDatabases { databases in
            let caller = Caller(agency: "METI", principal: "METI", method: "/keikyo.cases.v1.CaseService/CreateCase")
            let earlier = try databases.open(CaseStore.migrator, "cases")
            let created = try await CaseStore(database: earlier).create(sampleCase(), by: caller, idempotencyKey: "key-1", requestDigest: [1, 2])
            var changed = created
            changed.subsector = "metro"
            _ = try await CaseStore(database: earlier).update(changed, expectedVersion: 1, by: caller)
            // The columns as the release before v5-shared-history named them.
            try await earlier.write { db in
                try db.execute(sql: "ALTER TABLE case_history RENAME COLUMN owner_seq TO case_seq")
                try db.execute(sql: "ALTER TABLE idempotency_keys RENAME COLUMN result_id TO case_id")
                try db.execute(sql: "DELETE FROM schema_migrations WHERE identifier = 'v5-shared-history'")
            }
            try await earlier.close()

            let store = CaseStore(database: try databases.open(CaseStore.migrator, "cases"))
            #expect(try await store.history(id: created.id).map(\.kind) == [.created, .updated])
            let again = try await store.create(sampleCase(), by: caller, idempotencyKey: "key-1", requestDigest: [1, 2])
            #expect(again.id == created.id && again.version == 2, "the key stored before the migration still answers")
            #expect(try await store.count() == 1)
        }
    }
}
