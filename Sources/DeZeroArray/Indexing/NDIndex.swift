/// One entry of an index list for ``NDArray/subscript(_:)-([NDIndex])``, with NumPy's meaning.
///
/// - `int(i)`: picks position `i` (negative counts from the end) and removes the axis.
/// - `slice(start:stop:step:)`: NumPy's `start:stop:step`; `nil` means the default, and a
///   negative step walks backwards. Out-of-range bounds are clipped, as in NumPy.
/// - `array(a)`: an int64 array of positions (fancy indexing), or a bool mask covering as
///   many axes as it has dimensions. Several index arrays are broadcast together.
/// - `newAxis`: inserts a size-1 axis (NumPy's `None`).
/// - `ellipsis`: stands for as many full slices as needed (NumPy's `...`).
///
/// An integer literal is an `int` index:
///
/// ```swift
/// let x = NDArray((0..<24).map(Double.init), shape: [2, 3, 4])
/// x[[1, .all, .slice(start: nil, stop: nil, step: -1)]].shape     // [3, 4]
/// x[[.ellipsis, .array(NDArray([0, 0, 3]))]].shape                // [2, 3, 3]
/// x[[.array(NDArray([0, 1])), .all, .array(NDArray([2, 3]))]].shape // [2, 3]
/// ```
public enum NDIndex: Sendable, ExpressibleByIntegerLiteral {
    case int(Int)
    case slice(start: Int?, stop: Int?, step: Int?)
    case array(NDArray)
    case newAxis
    case ellipsis

    /// An integer literal selects one position: `x[[1, .all]]` is row 1.
    public init(integerLiteral value: Int) { self = .int(value) }

    /// The whole axis, NumPy's `:`.
    public static var all: NDIndex { .slice(start: nil, stop: nil, step: nil) }

    /// `start..<stop` with an optional step: `.range(2..<8, step: 2)`.
    public static func range(_ r: Range<Int>, step: Int? = nil) -> NDIndex {
        .slice(start: r.lowerBound, stop: r.upperBound, step: step)
    }

    /// `start...` with an optional step (negative steps run from `start` down to the beginning).
    public static func range(_ r: PartialRangeFrom<Int>, step: Int? = nil) -> NDIndex {
        .slice(start: r.lowerBound, stop: nil, step: step)
    }

    /// `..<stop` with an optional step.
    public static func range(_ r: PartialRangeUpTo<Int>, step: Int? = nil) -> NDIndex {
        .slice(start: nil, stop: r.upperBound, step: step)
    }

    /// Every `step`-th element of the axis; `.every(-1)` reverses it (NumPy's `::-1`).
    public static func every(_ step: Int) -> NDIndex { .slice(start: nil, stop: nil, step: step) }
}
