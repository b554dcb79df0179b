import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// A service's data on a PostgreSQL server (postgres-nio), in a schema of its own, so one
/// database may hold every service.
///
/// Transactions run as synchronous code, as on SQLite: each runs on a thread of the store's
/// own pool, one thread per pooled connection, and its statements wait there for the
/// server's replies. The writes of a schema take its advisory lock first, so they follow one
/// another, across processes too, as SQLite's do: version checks, idempotency keys and kept
/// totals hold with several processes writing at once, and hot rows (the kept totals) cost
/// no retries. A transaction the server still reports a conflict or deadlock for (40001,
/// 40P01) runs again, up to `maxAttempts` times.
///
/// The service starts without its database: the schema is migrated on the first connection,
/// and until the server answers each call fails UNAVAILABLE `DATABASE_UNAVAILABLE` after at
/// most `leaseTimeout`.
public final class PostgresStoreDatabase: StoreDatabase {
    public let location: PostgresLocation
    public let schema: String
    public var dialect: SQLDialect { .postgres }
    public var description: String { "\(location) schema \(schema)" }

    let clientConfiguration: PostgresClient.Configuration
    let threads: NIOThreadPool
    let migrator: StoreMigrator
    let logger: Logger
    let leaseTimeout: Duration
    /// How long a statement's reply is waited for before its connection is given up.
    let replyTimeout: TimeAmount
    let maximumConnections: Int
    /// How long a call waits for a connection while the server answers but every connection is in use.
    let busyLeaseTimeout: Duration = .seconds(30)
    let maxAttempts = 20
    private let state: NIOLockedValueBox<State>

    struct State {
        var migrated = false
        /// False until the server first answers.
        var available = false
        var pool: Pool
        /// Calls that hold or wait for a connection now.
        var calls = 0
    }

    /// A connection pool and the task that runs it. The pool backs off after failed connection
    /// attempts (up to a minute); after an outage a new pool is made, so that calls find the
    /// server within seconds of its return. A pool replaced is shut down once no call holds
    /// one of its connections (a statement on a connection its pool closed would get no reply).
    final class Pool: Sendable {
        let client: PostgresClient
        let created: ContinuousClock.Instant
        private let task: Task<Void, Never>
        private let leases = NIOLockedValueBox((held: 0, retired: false))

        init(_ configuration: PostgresClient.Configuration, logger: Logger) {
            // The pool logs each failed connection attempt at info; the store reports outages itself.
            var poolLogger = logger
            poolLogger.logLevel = max(logger.logLevel, .warning)
            let client = PostgresClient(configuration: configuration, backgroundLogger: poolLogger)
            self.client = client
            task = Task { await client.run() }
            created = .now
        }

        /// Runs `body` with a connection of this pool.
        func withConnection<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
            try await client.withConnection { connection in
                leases.withLockedValue { $0.held += 1 }
                defer {
                    if leases.withLockedValue({ state in
                        state.held -= 1
                        return state.retired && state.held == 0
                    }) { task.cancel() }
                }
                return try await body(connection)
            }
        }

        /// Shuts the pool down once its connections are all returned.
        func retire() {
            if leases.withLockedValue({ state in
                state.retired = true
                return state.held == 0
            }) { task.cancel() }
        }

        /// Shuts the pool down and waits until it has.
        func shutdown() async {
            task.cancel()
            await task.value
        }
    }

    private let commits = GroupCommit()

    /// The advisory lock a write of this schema holds until it ends.
    var writeLock: Int64 { Self.lockKey("keikyo.write.\(schema)") }

    /// A stable 64-bit key for an advisory lock (FNV-1a of `name`).
    static func lockKey(_ name: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int64(bitPattern: hash)
    }

    /// How long a pool is kept while the server does not answer before a new one replaces it.
    let renewPoolAfter: Duration = .seconds(3)

    /// Connects lazily: nothing waits for the server here. `schema` must be a plain name
    /// (`PostgresLocation.isSchemaName`).
    public init(
        location: PostgresLocation, schema: String, migrator: StoreMigrator, maximumConnections: Int = 8,
        leaseTimeout: Duration = .seconds(10), replyTimeout: TimeAmount = .seconds(120), logger: Logger
    ) throws {
        guard PostgresLocation.isSchemaName(schema) else { throw DatabaseLocationError("\(schema.debugDescription) is not a schema name") }
        self.location = location
        self.schema = schema
        self.migrator = migrator
        self.logger = logger
        self.leaseTimeout = leaseTimeout
        self.replyTimeout = replyTimeout
        self.maximumConnections = maximumConnections
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: try Self.tls(location))
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = leaseTimeout
        configuration.options.additionalStartupParameters = [("search_path", schema), ("application_name", "keikyo-\(schema)")]
        clientConfiguration = configuration
        state = NIOLockedValueBox(State(pool: Pool(configuration, logger: logger)))
        threads = NIOThreadPool(numberOfThreads: maximumConnections)
        threads.start()
    }

    static func tls(_ location: PostgresLocation) throws -> PostgresClient.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let root = location.rootCertificate {
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(root))
        }
        switch location.tls {
        case .disable: return .disable
        case .prefer:
            configuration.certificateVerification = .none
            return .prefer(configuration)
        case .require: return .require(configuration)
        }
    }

    public var isAvailable: Bool { state.withLockedValue { $0.available } }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLExecutor) throws -> T) async throws -> T {
        try await transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLExecutor) throws -> T) async throws -> T {
        // One writer at a time per schema, in every process (as SQLite's one writer): each
        // write first takes the schema's advisory lock, then reads at READ COMMITTED, so it sees
        // every write committed before it, and rows every write touches (kept totals) never
        // make writers fail on each other.
        // Writes that arrive together share a transaction and its commit (`GroupCommit`), at
        // first without savepoints (each one a round trip).
        let lock = writeLock
        return try await commits.write(body) { jobs in
            await GroupCommit.finish(
                jobs, optimistic: true,
                { batch in
                    try await self.transaction(begin: "BEGIN ISOLATION LEVEL READ COMMITTED") { db in
                        try db.execute(sql: "SELECT pg_advisory_xact_lock(?)", arguments: [lock])
                        return try batch(db)
                    }
                }, isFatal: { ($0 as? PSQLError).map(Self.isConflict) ?? false })
        }
    }

    public func close() async throws {
        await state.withLockedValue { $0.pool }.shutdown()
        try await threads.shutdownGracefully()
    }

    // MARK: Transactions

    private func transaction<T: Sendable>(begin: String, _ body: @escaping @Sendable (any SQLExecutor) throws -> T) async throws -> T {
        try await migrateIfNeeded()
        var attempt = 1
        let replyTimeout = self.replyTimeout
        while true {
            do {
                return try await onConnection { connection, logger in
                    try Self.run(PostgresExecutor(connection: connection, logger: logger, replyTimeout: replyTimeout), begin: begin, body)
                }
            } catch let error as PSQLError where Self.isConflict(error) && attempt < maxAttempts {
                attempt += 1
                try await Task.sleep(for: .microseconds(Int.random(in: 100...(2_000 * attempt))))
            }
        }
    }

    private static func run<T>(_ executor: PostgresExecutor, begin: String, _ body: (any SQLExecutor) throws -> T) throws -> T {
        try executor.execute(sql: begin)
        do {
            let result = try body(executor)
            try executor.flush()
            try executor.execute(sql: "COMMIT")
            return result
        } catch {
            _ = try? executor.execute(sql: "ROLLBACK")
            throw error
        }
    }

    private func migrateIfNeeded() async throws {
        guard !state.withLockedValue({ $0.migrated }) else { return }
        let migrator = self.migrator
        let (schema, replyTimeout) = (self.schema, self.replyTimeout)
        let applied = try await onConnection { connection, logger in
            // One process at a time migrates; the others wait and find the work done.
            try Self.run(PostgresExecutor(connection: connection, logger: logger, replyTimeout: replyTimeout), begin: "BEGIN") { db in
                try db.execute(sql: "SELECT pg_advisory_xact_lock(?)", arguments: [Self.lockKey("keikyo.migrate.\(schema)")])
                try db.execute(sql: "CREATE SCHEMA IF NOT EXISTS \(schema)")
                return try migrator.migrate(db)
            }
        }
        if !applied.isEmpty { logger.info("migrated the database", metadata: ["db.schema": "\(schema)", "migrations": "\(applied)"]) }
        state.withLockedValue { $0.migrated = true }
    }

    /// Runs `body` on a pooled connection, on a thread of the store's pool. Fails with
    /// `StoreError.unavailable` when no connection is had within `leaseTimeout` or the
    /// connection breaks.
    private func onConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection, Logger) throws -> T) async throws -> T {
        let leased = NIOLockedValueBox(false)
        // With as many calls as connections under way a call waits its turn (its caller's deadline
        // still bounds it); otherwise a connection is there or made within the connect timeout,
        // unless the server does not answer.
        let busy = state.withLockedValue { state in
            defer { state.calls += 1 }
            return state.calls >= maximumConnections
        }
        defer { state.withLockedValue { $0.calls -= 1 } }
        let timeout = busy ? busyLeaseTimeout : leaseTimeout
        let (pool, threads, logger) = (state.withLockedValue { $0.pool }, self.threads, self.logger)
        do {
            let result = try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    try await pool.withConnection { connection in
                        leased.withLockedValue { $0 = true }
                        try Task.checkCancellation()
                        return try await threads.runIfActive { try body(connection, logger) }
                    }
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                while let next = try await group.next() {
                    if let next {
                        group.cancelAll()
                        return next
                    }
                    if !leased.withLockedValue({ $0 }) {
                        group.cancelAll()
                        throw StoreError.unavailable("no connection to \(self.location) within \(timeout)")
                    }
                }
                throw CancellationError()
            }
            state.withLockedValue { $0.available = true }
            return result
        } catch let error as PSQLError {
            if let state = error.serverInfo?[.sqlState], !Self.isUnavailable(sqlState: state) {
                self.state.withLockedValue { $0.available = true }
                throw error
            }
            wentUnavailable(pool)
            throw StoreError.unavailable(Self.describe(error))
        } catch let error as StoreError {
            if case .unavailable = error { wentUnavailable(pool) }
            throw error
        } catch where !leased.withLockedValue({ $0 }) && !(error is CancellationError) {
            // From the pool before any connection: it gave up on the server (its circuit breaker).
            wentUnavailable(pool)
            throw StoreError.unavailable("no connection to \(location): \(error)")
        }
    }

    /// Notes that the server did not answer through `pool`; replaces that pool with a
    /// new one (without its backoff) once it is `renewPoolAfter` old.
    private func wentUnavailable(_ pool: Pool) {
        let retired = state.withLockedValue { state -> Pool? in
            state.available = false
            guard state.pool === pool, pool.created.duration(to: .now) >= renewPoolAfter else { return nil }
            state.pool = Pool(clientConfiguration, logger: logger)
            return pool
        }
        retired?.retire()
    }

    static func isConflict(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }

    /// Connection exceptions (08), the server shutting down or starting (57P), too many connections.
    static func isUnavailable(sqlState: String) -> Bool {
        sqlState.hasPrefix("08") || sqlState.hasPrefix("57P") || sqlState == "53300"
    }

    static func describe(_ error: PSQLError) -> String {
        if let message = error.serverInfo?[.message] { return "\(error.code): \(message)" }
        return "\(error.code)"
    }
}

/// Statements on one leased connection, each waiting on the pool's thread for its reply.
/// Statements deferred with `executeLater` go to the server together, as the `WITH` clauses
/// of one statement: a round trip to the server (about 0.1 ms on loopback here) costs more
/// than most of the stores' statements do.
struct PostgresExecutor: SQLExecutor {
    let connection: PostgresConnection
    let logger: Logger
    /// Longer than any statement of the stores takes; a guard against a reply that never comes.
    let replyTimeout: TimeAmount
    var dialect: SQLDialect { .postgres }
    private let deferred = DeferredStatements()

    init(connection: PostgresConnection, logger: Logger, replyTimeout: TimeAmount) {
        self.connection = connection
        self.logger = logger
        self.replyTimeout = replyTimeout
    }

    func execute(sql: String, arguments: SQLArguments) throws -> Int {
        // A rollback undoes what was deferred since the savepoint or the transaction began.
        if sql.hasPrefix("ROLLBACK") { deferred.removeAll() } else { try flush() }
        return try run(Self.query(sql, arguments)).metadata.rows ?? 0
    }

    func executeLater(sql: String, arguments: SQLArguments) throws {
        guard let target = DeferredStatements.Target(sql) else {
            _ = try execute(sql: sql, arguments: arguments)
            return
        }
        if !deferred.accepts(target, arguments: arguments.values.count) { try flush() }
        deferred.append(sql, arguments, target)
    }

    func flush() throws {
        guard let (sql, arguments) = deferred.take() else { return }
        _ = try run(Self.query(sql, arguments))
    }

    func fetchAll(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        try flush()
        let result = try run(Self.query(sql, arguments))
        guard let first = result.rows.first else { return [] }
        let columns = first.map(\.columnName)
        return try result.rows.map { row in SQLRow(columns: columns, values: try row.map(Self.value)) }
    }

    /// The statement's reply, waited for on this thread for at most `replyTimeout`: a statement
    /// written to a connection that closed meanwhile gets no reply at all, and a thread of the
    /// pool must not wait for it for ever. The connection is closed when the wait ends that way.
    /// The statement is sent, and its reply awaited, from one task on the connection's event
    /// loop: each hop to that thread from this one wakes it, and a wake-up costs more than
    /// most statements here.
    private func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        let reply = ReplySlot()
        let (connection, logger) = (self.connection, self.logger)
        connection.eventLoop.execute {
            connection.query(query, logger: logger).whenComplete(reply.fill)
        }
        guard let result = reply.wait(timeout: replyTimeout) else {
            connection.close().whenComplete { _ in }
            throw StoreError.unavailable("no reply from the server within \(replyTimeout)")
        }
        return try result.get()
    }

    /// `sql` with its `?` placeholders numbered `$1`, `$2`, … (not inside quotes).
    static func query(_ sql: String, _ arguments: SQLArguments) -> PostgresQuery {
        var text = ""
        text.reserveCapacity(sql.utf8.count + 8)
        var number = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                text.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                text.append(character)
            } else if character == "?" {
                number += 1
                text += "$\(number)"
            } else {
                text.append(character)
            }
        }
        var bindings = PostgresBindings(capacity: arguments.values.count)
        for value in arguments.values {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let integer): bindings.append(integer)
            case .real(let real): bindings.append(real)
            case .text(let string): bindings.append(string)
            case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: bindings)
    }

    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .numeric: return .text("\(try cell.decode(Decimal.self))")
        case .bytea:
            let buffer = try cell.decode(ByteBuffer.self)
            return .blob(Array(buffer.readableBytesView))
        default: return .text(try cell.decode(String.self))
        }
    }
}

/// The statements a `PostgresExecutor` has deferred, and their joining into one.
final class DeferredStatements {
    /// The table a deferred statement writes, and whether it only inserts new rows.
    struct Target: Equatable {
        let table: Substring
        let insertsOnly: Bool

        /// nil for a statement that is not a single INSERT, UPDATE or DELETE (those run at once).
        init?(_ sql: String) {
            let words = sql.split(maxSplits: 3, whereSeparator: \.isWhitespace)
            guard words.count >= 3 else { return nil }
            switch (words[0].uppercased(), words[1].uppercased()) {
            case ("INSERT", "INTO"):
                table = words[2].prefix { $0 != "(" }
                insertsOnly = !sql.contains("DO UPDATE")
            case ("UPDATE", _): (table, insertsOnly) = (words[1], false)
            case ("DELETE", "FROM"): (table, insertsOnly) = (words[2], false)
            default: return nil
            }
        }
    }

    /// PostgreSQL takes at most 65,535 parameters in a statement.
    static let maximumArguments = 30_000
    static let maximumStatements = 64

    private var statements: [(sql: String, arguments: SQLArguments, target: Target)] = []
    private var argumentCount = 0

    /// Whether a statement writing `target` may join those deferred: the parts of one statement
    /// see the same snapshot, so two that write the same table may both only insert (an upsert
    /// of a row another part wrote fails, or worse, one of two updates of a row is lost).
    func accepts(_ target: Target, arguments: Int) -> Bool {
        statements.count < Self.maximumStatements && argumentCount + arguments <= Self.maximumArguments
            && !statements.contains { $0.target.table == target.table && !($0.target.insertsOnly && target.insertsOnly) }
    }

    func append(_ sql: String, _ arguments: SQLArguments, _ target: Target) {
        statements.append((sql, arguments, target))
        argumentCount += arguments.values.count
    }

    func removeAll() {
        statements.removeAll()
        argumentCount = 0
    }

    /// The deferred statements as one (`WITH d0 AS (first), d1 AS (second) last`), and their
    /// arguments in order; nil when none is deferred.
    func take() -> (String, SQLArguments)? {
        guard let last = statements.last else { return nil }
        defer { removeAll() }
        var sql = ""
        var arguments = SQLArguments()
        for (index, statement) in statements.dropLast().enumerated() {
            sql += index == 0 ? "WITH " : ", "
            sql += "d\(index) AS (\(statement.sql))"
            arguments += statement.arguments
        }
        sql += sql.isEmpty ? last.sql : " \(last.sql)"
        arguments += last.arguments
        return (sql, arguments)
    }
}

/// A statement's reply, filled on the event loop and waited for on a thread of the store's pool.
private final class ReplySlot: @unchecked Sendable {
    // Guarded by `filled`: written once with the lock held at 1, read after waiting for 1.
    private var result: Result<PostgresQueryResult, any Error>?
    private let filled = ConditionLock(value: 0)

    func fill(_ result: Result<PostgresQueryResult, any Error>) {
        filled.lock()
        self.result = result
        filled.unlock(withValue: 1)
    }

    /// The reply, or nil when none came within `timeout`.
    func wait(timeout: TimeAmount) -> Result<PostgresQueryResult, any Error>? {
        guard filled.lock(whenValue: 1, timeoutSeconds: Double(timeout.nanoseconds) / 1e9) else { return nil }
        defer { filled.unlock() }
        return result
    }
}
