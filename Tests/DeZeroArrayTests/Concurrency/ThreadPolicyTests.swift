import Testing
@testable import DeZeroArray

/// `DEZERO_NUM_THREADS` parsing and the cgroup quota, on values passed in (no environment
/// is read or changed, so these run in parallel with everything else).
@Suite struct ThreadPolicyTests {
    @Test(arguments: [("1", 1), ("2", 2), ("16", 16), (" 3 ", 3), ("1024", 1024)])
    func validSettingIsUsed(setting: String, expected: Int) {
        let policy = ThreadPolicy(setting: setting, defaultCount: 7)
        #expect(policy.count == expected)
        #expect(policy.isExplicit)
        #expect(policy.problem == nil)
    }

    @Test func unsetUsesTheDefaultSilently() {
        let policy = ThreadPolicy(setting: nil, defaultCount: 6)
        #expect(policy == ThreadPolicy(setting: nil, defaultCount: 6))
        #expect(policy.count == 6)
        #expect(!policy.isExplicit)
        #expect(policy.problem == nil)
    }

    /// Anything but a whole number from 1 to 1024 is ignored, with a message naming the value.
    @Test(arguments: ["", "0", "-2", "four", "1.5", "1e3", "1025", "99999999999999999999", "2 threads"])
    func invalidSettingFallsBackAndSaysWhy(setting: String) throws {
        let policy = ThreadPolicy(setting: setting, defaultCount: 5)
        #expect(policy.count == 5)
        #expect(!policy.isExplicit)
        let problem = try #require(policy.problem)
        #expect(problem.contains("DEZERO_NUM_THREADS=\"\(setting)\""))
        #expect(problem.contains("using 5 threads"))
    }

    @Test func defaultIsAtLeastOne() {
        #expect(ThreadPolicy(setting: nil, defaultCount: 0).count == 1)
        #expect(ThreadPolicy(setting: "x", defaultCount: -3).count == 1)
    }

    @Test(arguments: [("max 100000", nil), ("200000 100000", 2), ("150000 100000", 2), ("50000 100000", 1),
                      ("-1 100000", nil), ("garbage", nil), ("", nil), ("100000 0", nil)] as [(String, Int?)])
    func cgroupQuotaInWholeCores(line: String, expected: Int?) {
        #expect(ThreadPolicy.cores(cpuMax: line + "\n") == expected)
    }

    @Test func processPolicyIsSane() {
        let current = ThreadPolicy.current
        #expect(current.count >= 1 && current.count <= ThreadPolicy.maximumCount)
        #expect(Parallel.threads == current.count)
        #expect(ThreadPolicy.availableCores() >= 1)
    }

    /// OpenBLAS follows DeZero's variable when given, keeps its own variables otherwise, and
    /// else gets the policy's default (so a cgroup quota reaches it).
    @Test func openBLASThreadCount() {
        let explicit = ThreadPolicy(setting: "1", defaultCount: 8)
        let implicit = ThreadPolicy(setting: nil, defaultCount: 8)
        #expect(SystemBLAS.threadCount(explicit, environment: ["OPENBLAS_NUM_THREADS": "4"]) == 1)
        #expect(SystemBLAS.threadCount(implicit, environment: ["OPENBLAS_NUM_THREADS": "4"]) == nil)
        #expect(SystemBLAS.threadCount(implicit, environment: ["OMP_NUM_THREADS": "3"]) == nil)
        #expect(SystemBLAS.threadCount(implicit, environment: [:]) == 8)
    }
}
