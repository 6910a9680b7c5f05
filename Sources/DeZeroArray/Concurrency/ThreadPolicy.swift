import Foundation

/// How many threads the package's parallel work uses: one decision for the whole process.
///
/// `DEZERO_NUM_THREADS`, read once at first use, sets it: a whole number from 1 to
/// ``maximumCount``. Unset, the count is the number of cores this process may run on
/// (`ProcessInfo.activeProcessorCount`), lowered to the cgroup CPU quota when a container
/// limits it (`cpu.max`, or `cpu.cfs_quota_us` under cgroup v1). Any other value (empty,
/// `0`, `-2`, `four`, `1e3`) is ignored, so the default applies, and one warning line is
/// written to standard error: a typo must not pass unnoticed, but should not stop a
/// training run either.
///
/// Every parallel loop (``Parallel``), the built-in GEMM and, when loaded, OpenBLAS
/// (``SystemBLAS``) follow this count, so `DEZERO_NUM_THREADS=1` keeps a process on one core.
///
/// ```swift
/// let policy = ThreadPolicy(setting: "2", defaultCount: 8)   // policy.count == 2
/// let cores = ThreadPolicy.current.count                     // what this process uses
/// ```
package struct ThreadPolicy: Sendable, Equatable {
    /// The environment variable read.
    package static let variable = "DEZERO_NUM_THREADS"
    /// The largest count accepted: more is surely a mistake, and would only add overhead.
    package static let maximumCount = 1024

    /// Threads to use, at least 1.
    package let count: Int
    /// True when the count came from a valid `DEZERO_NUM_THREADS`.
    package let isExplicit: Bool
    /// Why the variable was ignored, when it was set to something invalid.
    package let problem: String?

    /// The policy for `setting` (the variable's value, `nil` when unset), falling back to
    /// `defaultCount` threads when it is unset or invalid.
    package init(setting: String?, defaultCount: Int) {
        let fallback = Swift.max(1, defaultCount)
        guard let setting else {
            (count, isExplicit, problem) = (fallback, false, nil)
            return
        }
        let trimmed = setting.trimmingCharacters(in: .whitespaces)
        if let n = Int(trimmed), (1...Self.maximumCount).contains(n) {
            (count, isExplicit, problem) = (n, true, nil)
        } else {
            (count, isExplicit, problem) = (fallback, false,
                "\(Self.variable)=\"\(setting)\" is not a whole number from 1 to \(Self.maximumCount); using \(fallback) threads")
        }
    }

    /// The policy of this process, decided once from its environment and cores.
    @usableFromInline package static let current: ThreadPolicy = {
        let policy = ThreadPolicy(setting: ProcessInfo.processInfo.environment[variable],
                                  defaultCount: availableCores())
        if let problem = policy.problem {
            FileHandle.standardError.write(Data("warning: \(problem)\n".utf8))
        }
        return policy
    }()

    /// Cores this process may use: the active processors, at most the cgroup quota.
    package static func availableCores() -> Int {
        let active = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
        return Swift.min(active, cgroupQuota() ?? active)
    }

    /// The container's CPU limit in whole cores (rounded up), or `nil` when there is none
    /// or it cannot be read.
    static func cgroupQuota() -> Int? {
        func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
        if let v2 = read("/sys/fs/cgroup/cpu.max") { return cores(cpuMax: v2) }
        if let quota = read("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"),
           let period = read("/sys/fs/cgroup/cpu/cpu.cfs_period_us") {
            return cores(cpuMax: quota.trimmingCharacters(in: .whitespacesAndNewlines) + " " + period)
        }
        return nil
    }

    /// Whole cores in a cgroup `cpu.max` line, `"QUOTA PERIOD"` in microseconds: the quota
    /// over the period rounded up, or `nil` for `"max …"` (no limit), `-1` (cgroup v1's
    /// no limit) or anything unreadable.
    package static func cores(cpuMax line: String) -> Int? {
        let fields = line.split(whereSeparator: \.isWhitespace)
        guard fields.count == 2, let quota = Int(fields[0]), let period = Int(fields[1]),
              quota > 0, period > 0 else { return nil }
        return Swift.max(1, (quota + period - 1) / period)
    }
}
