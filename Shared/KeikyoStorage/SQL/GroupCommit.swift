import NIOConcurrencyHelpers

/// Group commit: writes asked for while another transaction is under way wait for it, then run
/// together in the next transaction, each in a savepoint of its own, and are acknowledged when
/// that transaction has committed. One commit (one flush to disk) then serves many writes,
/// while each write still succeeds or fails alone: a write that throws is rolled back to its
/// savepoint and the others commit. A write asked for alone runs alone, at once.
final class GroupCommit: Sendable {
    /// One write waiting for its transaction.
    struct Job: Sendable {
        /// Runs the write's body and keeps its result.
        let body: @Sendable (any SQLExecutor) throws -> Void
        /// Tells the writer how its write ended, once its transaction has.
        let finish: @Sendable (Result<Void, any Error>) -> Void
    }

    private struct State {
        var pending: [Job] = []
        var running = false
    }

    private let state = NIOLockedValueBox(State())
    /// The most writes one transaction takes.
    let maximumBatch: Int

    init(maximumBatch: Int = 64) {
        self.maximumBatch = maximumBatch
    }

    /// Runs `body` in the next transaction; returns once that transaction has committed.
    /// `transaction` runs a batch of jobs in one transaction (`GroupCommit.run` inside it) and
    /// finishes each; the database passes the same one on every call.
    func write<T: Sendable>(
        _ body: @escaping @Sendable (any SQLExecutor) throws -> T, transaction: @escaping @Sendable ([Job]) async -> Void
    ) async throws -> T {
        let result = NIOLockedValueBox<T?>(nil)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let job = Job(
                body: { db in
                    let value = try body(db)
                    result.withLockedValue { $0 = value }
                },
                finish: { continuation.resume(with: $0) })
            let lead = state.withLockedValue { state in
                state.pending.append(job)
                defer { state.running = true }
                return !state.running
            }
            if lead { Task { await self.drain(transaction) } }
        }
        return result.withLockedValue { $0! }
    }

    /// Runs batches until none is waiting.
    private func drain(_ transaction: @Sendable ([Job]) async -> Void) async {
        while true {
            let batch = state.withLockedValue { state -> [Job] in
                let count = min(maximumBatch, state.pending.count)
                if count == 0 { state.running = false }
                defer { state.pending.removeFirst(count) }
                return Array(state.pending.prefix(count))
            }
            guard !batch.isEmpty else { return }
            await transaction(batch)
        }
    }

    /// Runs `jobs` inside an open transaction: a lone job as it is, several each in a savepoint.
    /// Returns each job's outcome; when every job failed the caller rolls the transaction back
    /// (a lone job's statements are not undone here). `isFatal` errors (those the whole
    /// transaction must answer, such as a conflict to run again) are rethrown.
    static func run(_ jobs: [Job], in db: any SQLExecutor, isFatal: (any Error) -> Bool = { _ in false }) throws -> [Result<Void, any Error>] {
        if jobs.count == 1 {
            do {
                try jobs[0].body(db)
                try db.flush()
                return [.success(())]
            } catch where !isFatal(error) {
                return [.failure(error)]
            }
        }
        var outcomes: [Result<Void, any Error>] = []
        for (index, job) in jobs.enumerated() {
            try db.execute(sql: "SAVEPOINT write\(index)")
            do {
                try job.body(db)
                try db.flush()
                outcomes.append(.success(()))
            } catch where !isFatal(error) {
                try db.execute(sql: "ROLLBACK TO SAVEPOINT write\(index)")
                outcomes.append(.failure(error))
            }
        }
        return outcomes
    }
}

extension GroupCommit {
    /// Thrown inside a transaction to roll it back when none of its writes succeeded.
    struct NothingToCommit: Error {
        let outcomes: [Result<Void, any Error>]
    }

    /// Thrown inside an optimistic transaction to roll it back when one of its writes failed.
    struct WriteFailed: Error {}

    /// Runs the jobs through `transaction` (which opens, commits or rolls back) and tells each
    /// how it ended: its own outcome if the transaction committed, the transaction's error if not.
    ///
    /// `optimistic` first runs several jobs without savepoints, where a savepoint costs a round
    /// trip to the server (PostgreSQL); if one of them fails, that transaction is rolled back
    /// and the jobs run again, each in its savepoint. (Jobs already run again whole after a
    /// conflict, so running one twice is safe.)
    static func finish(
        _ jobs: [Job], optimistic: Bool = false,
        _ transaction: (@escaping @Sendable (any SQLExecutor) throws -> [Result<Void, any Error>]) async throws -> [Result<Void, any Error>],
        isFatal: @escaping @Sendable (any Error) -> Bool = { _ in false }
    ) async {
        if optimistic, jobs.count > 1 {
            do {
                let outcomes = try await transaction { db in
                    for job in jobs {
                        do {
                            try job.body(db)
                            try db.flush()
                        } catch where !isFatal(error) {
                            throw WriteFailed()
                        }
                    }
                    return jobs.map { _ in .success(()) }
                }
                for (job, outcome) in zip(jobs, outcomes) { job.finish(outcome) }
                return
            } catch is WriteFailed {
                // Run again below, each job in its savepoint.
            } catch {
                for job in jobs { job.finish(.failure(error)) }
                return
            }
        }
        let outcomes: [Result<Void, any Error>]
        do {
            outcomes = try await transaction { db in
                let outcomes = try run(jobs, in: db, isFatal: isFatal)
                if outcomes.allSatisfy({ if case .failure = $0 { true } else { false } }) { throw NothingToCommit(outcomes: outcomes) }
                return outcomes
            }
        } catch let rolledBack as NothingToCommit {
            outcomes = rolledBack.outcomes
        } catch {
            outcomes = jobs.map { _ in .failure(error) }
        }
        for (job, outcome) in zip(jobs, outcomes) { job.finish(outcome) }
    }
}
