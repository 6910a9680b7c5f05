#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which kernel computes a floating-point matrix product.
///
/// `.automatic` uses the system BLAS when one is loaded and known to be fast on this CPU
/// (see ``SystemBLAS``), else the built-in kernel. The environment variable `DEZERO_BLAS`
/// changes what `.automatic` means for a whole run: `builtin` forces the built-in kernel,
/// `system` the system BLAS whenever one loads. Tests pick a backend per call instead, so
/// both paths run side by side without touching global state.
///
/// ```swift
/// let c = matmul(a, b)                       // the best available
/// let d = matmul(a, b, backend: .builtin)    // always the built-in kernel
/// print(MatmulBackend.automaticChoice)       // what .automatic resolves to here
/// ```
public enum MatmulBackend: Sendable, Hashable, CustomStringConvertible {
    case automatic
    /// The BLAS library found at run time; stops with a message when none loads.
    case systemBLAS
    /// The package's own blocked kernel (AVX-512, AVX2+FMA or portable C by CPU).
    case builtin

    /// What `.automatic` resolves to in this process (`.systemBLAS` or `.builtin`), decided
    /// once from `DEZERO_BLAS` and the loaded library.
    public static let automaticChoice: MatmulBackend = {
        let setting = getenv("DEZERO_BLAS").map { String(cString: $0).lowercased() }
        switch setting {
        case "builtin": return .builtin
        case "system": return SystemBLAS.isAvailable ? .systemBLAS : .builtin
        default: return SystemBLAS.isFastOnThisCPU ? .systemBLAS : .builtin
        }
    }()

    /// `.automatic` replaced by the backend it stands for.
    var resolved: MatmulBackend { self == .automatic ? MatmulBackend.automaticChoice : self }

    /// The case's name: `"automatic"`, `"systemBLAS"` or `"builtin"`.
    public var description: String {
        switch self {
        case .automatic: "automatic"
        case .systemBLAS: "systemBLAS"
        case .builtin: "builtin"
        }
    }
}
