import NIOCore

/// Runs Swift tasks on a NIO event loop: a task that prefers this executor
/// (`Task(executorPreference:)`, `withTaskExecutorPreference`) runs its nonisolated code on the
/// loop's thread, so that handing work between the task and the loop's channels costs no
/// thread hop.
public final class EventLoopTaskExecutor: TaskExecutor {
    public let eventLoop: any EventLoop

    public init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
