/// Subtracts a mean and divides by a standard deviation, `(x - mean) / std` (DeZero's
/// `Normalize`).
///
/// A scalar mean or std applies to every element. A list holds one value per channel — per
/// index along the first axis, as in a `(C, H, W)` image — and a one-element list counts as a
/// scalar.
///
/// ```swift
/// let image = NDArray([0, 255, 255, 0] as [Float], shape: [1, 2, 2])
/// Normalize(mean: 127.5, std: 127.5)(image)           // [[[-1, 1], [1, -1]]]
/// let rgb = Normalize(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225])
/// rgb(NDArray.ones([3, 224, 224], dtype: .float32)).shape   // [3, 224, 224]
/// ```
///
/// float32 and float64 arrays keep their type, and the statistics are rounded to it first, as
/// DeZero does (`np.array(mean, dtype=array.dtype)`); integer and bool arrays give float64.
public struct Normalize: ArrayTransform {
    /// The mean, one value or one per channel.
    public let mean: [Double]
    /// The standard deviation, one value or one per channel.
    public let std: [Double]

    /// One mean and one std for every element.
    public init(mean: Double = 0, std: Double = 1) {
        self.mean = [mean]
        self.std = [std]
    }

    /// Per-channel statistics (a one-element list applies to all channels).
    public init(mean: [Double], std: [Double]) {
        dezeroCheck(!mean.isEmpty && !std.isEmpty, "Normalize: mean and std must not be empty")
        dezeroCheck(mean.count == 1 || std.count == 1 || mean.count == std.count,
                    "Normalize: mean has \(mean.count) values but std has \(std.count)")
        self.mean = mean
        self.std = std
    }

    /// `(x − mean) / std`, per channel along the first axis when the statistics are lists.
    public func callAsFunction(_ x: NDArray) -> NDArray {
        let channels = max(mean.count, std.count)
        if channels > 1 {
            dezeroCheck(x.ndim >= 1 && x.shape[0] == channels,
                        "Normalize: \(channels) channel statistics for an array of shape \(shapeDescription(x.shape)); its first axis must have \(channels) entries")
        }
        switch x.dtype {
        case .float32: return normalized(x, Float.self, channels: channels)
        case .float64: return normalized(x, Double.self, channels: channels)
        case .int64, .bool: return normalized(x.astype(.float64), Double.self, channels: channels)
        }
    }

    /// One pass: each channel's contiguous block gets its own mean and std.
    private func normalized<T: NDFloat>(_ x: NDArray, _: T.Type, channels: Int) -> NDArray {
        let block = channels > 1 ? x.count / channels : x.count
        let means = (0..<channels).map { T(mean[mean.count == 1 ? 0 : $0]) }
        let stds = (0..<channels).map { T(std[std.count == 1 ? 0 : $0]) }
        return x.withUnsafeBufferPointer(as: T.self) { src in
            NDArray.make(T.self, shape: x.shape) { dst in
                for c in 0..<(channels > 1 ? channels : 1) {
                    let m = means[c], s = stds[c], base = c * block
                    for i in base..<(base + block) { dst[i] = (src[i] - m) / s }
                }
            }
        }
    }
}
