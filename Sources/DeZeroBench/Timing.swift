import Foundation

/// Monotonic seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Median, min and max of a sample, the summary every workload reports.
struct Summary: Encodable {
    let median: Double, min: Double, max: Double
    init(_ xs: [Double]) {
        let s = xs.sorted()
        median = s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        min = s.first ?? .nan
        max = s.last ?? .nan
    }
}

/// Runs `body` once to warm up, then `repeats` timed times; returns the seconds of each run.
func measure(repeats: Int = 5, _ body: () -> Void) -> [Double] {
    body()
    return (0..<repeats).map { _ in
        let t0 = now()
        body()
        return now() - t0
    }
}

/// Prints one JSON line. Values are anything JSONSerialization takes (numbers, strings,
/// arrays, dictionaries), with `Summary` turned into a dictionary.
func emit(_ fields: [String: Any]) {
    var object: [String: Any] = ["framework": "dezero-swift"]
    for (k, v) in fields {
        if let s = v as? Summary { object[k] = ["median": s.median, "min": s.min, "max": s.max] } else { object[k] = v }
    }
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
    fflush(nil)
}

/// Peak resident set size of this process in megabytes (Linux `ru_maxrss` is in KiB).
func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}
