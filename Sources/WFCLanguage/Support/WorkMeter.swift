import Synchronization

/// Counts the steps of the passes whose cost grows with the input: openings compared,
/// listeners examined, edits tested. A test lints inputs of 1× and 8× the size and fails when
/// the count grows faster than linearly, which catches a search inside a loop without timing
/// anything. The count belongs to the task that measures (tests run in parallel); outside a
/// measurement a step costs one relaxed atomic load.
public enum WorkMeter {
    final class Counter: Sendable {
        let steps = Atomic<Int>(0)
    }

    @TaskLocal static var current: Counter?
    private static let measuring = Atomic<Int>(0)

    @inline(__always)
    package static func add(_ n: Int = 1) {
        guard measuring.load(ordering: .relaxed) > 0, let counter = current else { return }
        counter.steps.add(n, ordering: .relaxed)
    }

    /// The steps counted while `body` ran in this task.
    public static func measure<T>(_ body: () -> T) -> (result: T, steps: Int) {
        let counter = Counter()
        measuring.add(1, ordering: .relaxed)
        defer { measuring.subtract(1, ordering: .relaxed) }
        let result = $current.withValue(counter) { body() }
        return (result, counter.steps.load(ordering: .relaxed))
    }
}
