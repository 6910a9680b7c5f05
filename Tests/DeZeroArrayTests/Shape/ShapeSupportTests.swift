// Helpers for the shape and indexing tests. The names are prefixed so they cannot clash
// with helpers of other test files in this target.
@testable import DeZeroArray

enum ShapeTestKit {
    /// 0, 1, 2, … in row-major order, as float64 (NumPy's `np.arange(n).reshape(shape)`).
    static func iota(_ shape: [Int]) -> NDArray {
        let n = shape.reduce(1, *)
        return NDArray((0..<n).map(Double.init), shape: shape)
    }

    /// `iota` in another dtype (bool: odd numbers are true).
    static func iota(_ shape: [Int], _ dtype: DType) -> NDArray {
        let n = shape.reduce(1, *)
        switch dtype {
        case .float32: return NDArray((0..<n).map(Float.init), shape: shape)
        case .float64: return iota(shape)
        case .int64: return NDArray(Array(0..<n), shape: shape)
        case .bool: return NDArray((0..<n).map { $0 % 2 == 1 }, shape: shape)
        }
    }

    /// An array of `shape` holding `value` everywhere.
    static func filled(_ shape: [Int], _ value: Double = 0) -> NDArray {
        NDArray([Double](repeating: value, count: shape.reduce(1, *)), shape: shape)
    }

    /// True when the two arrays read the same heap memory (one is a view of the other).
    static func sharesMemory(_ a: NDArray, _ b: NDArray) -> Bool {
        if case .heap(let x) = a.buffer, case .heap(let y) = b.buffer { return x === y }
        return false
    }

    /// Row-major values as doubles.
    static func values(_ x: NDArray) -> [Double] { x.scalars(as: Double.self) }

    /// The stderr text an exit test observed.
    static func stderrText(_ bytes: [UInt8]?) -> String { String(decoding: bytes ?? [], as: UTF8.self) }
}
