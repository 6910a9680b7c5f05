/// Which kernel computes a floating-point matrix product.
///
/// `.automatic` picks, once per process, between the system BLAS and the built-in kernel:
///
/// - `DEZERO_BLAS=builtin` forces the built-in kernel and `DEZERO_BLAS=system` the system BLAS
///   whenever one loads (else the built-in kernel); other values are ignored.
/// - Otherwise OpenBLAS is used when the kernel it picked for this CPU (``SystemBLAS/coreName``)
///   uses wider vectors than the built-in one, or equally wide AVX-512 vectors (SkylakeX,
///   Cooperlake, SapphireRapids against the built-in AVX-512 kernel). Against the built-in AVX2
///   kernel, OpenBLAS's Haswell and Zen kernels lose the tie: measured on a Zen 4 EPYC, the
///   built-in kernel was as fast on one thread and faster on two. An older or unknown kernel
///   (the SSE3 "Prescott" fallback of an OpenBLAS that does not know the CPU) loses too. MKL,
///   BLIS and Accelerate are always used; any other library (such as the reference BLAS)
///   never, and with no library the built-in kernel runs.
///
/// The rule and its reasons are in `BLASChoice.decide`; `dezero-bench gemm` prints the
/// choice, the OpenBLAS kernel and the reason. Tests pick a backend per call instead, so both
/// paths run side by side without touching global state.
///
/// ```swift
/// let c = matmul(a, b)                       // the best available
/// let d = matmul(a, b, backend: .builtin)    // always the built-in kernel
/// print(MatmulBackend.automaticChoice)       // what .automatic resolves to here
/// ```
public enum MatmulBackend: Sendable, Hashable, CustomStringConvertible {
    /// The system BLAS or the built-in kernel, by the rule above (``automaticChoice``).
    case automatic
    /// The BLAS library found at run time; stops with a message when none loads.
    case systemBLAS
    /// The package's own blocked kernel (AVX-512, AVX2+FMA or portable C by CPU).
    case builtin

    /// What `.automatic` resolves to in this process (`.systemBLAS` or `.builtin`), decided
    /// once from `DEZERO_BLAS`, the loaded library and the CPU (see the type's description).
    public static let automaticChoice: MatmulBackend = BLASChoice.decide(BLASChoice.thisMachine).backend

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
