// TEMPORARY: stand-ins until the elementwise/reduction branch lands. Delete on merge.
extension NDArray {
    public func sumTo(_ shape: [Int]) -> NDArray {
        if self.shape == shape { return self }
        let lead = ndim - shape.count
        var out = NDArray.filledZero(shape: shape, dtype: dtype)
        let src = contiguous().doubles()
        var vals = out.doubles()
        let outStrides = NDArray.rowMajorStrides(shape)
        var idx = [Int](repeating: 0, count: ndim)
        for i in 0..<src.count {
            var rem = i
            for d in stride(from: ndim - 1, through: 0, by: -1) { idx[d] = rem % self.shape[d]; rem /= self.shape[d] }
            var o = 0
            for d in 0..<shape.count where shape[d] != 1 { o += idx[lead + d] * outStrides[d] }
            vals[o] += src[i]
        }
        out = NDArray(vals, shape: shape).astype(dtype)
        return out
    }
    public func broadcastTo(_ shape: [Int]) -> NDArray {
        if self.shape == shape { return self }
        return view(shape: shape, strides: broadcastStrides(to: shape), offset: offset)
    }
    static func filledZero(shape: [Int], dtype: DType) -> NDArray { NDArray([Double](repeating: 0, count: shape.reduce(1, *)), shape: shape).astype(dtype) }
}
public func pow(_ x: NDArray, _ c: Double) -> NDArray {
    switch x.dtype {
    case .float32: return NDArray(x.scalars(as: Float.self).map { Float(Foundation.pow(Double($0), c)) }, shape: x.shape)
    default: return NDArray(x.scalars(as: Double.self).map { Foundation.pow($0, c) }, shape: x.shape)
    }
}
import Foundation
