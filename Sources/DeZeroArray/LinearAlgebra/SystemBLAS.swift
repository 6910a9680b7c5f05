import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system BLAS library, found when first needed with `dlopen`, so the package builds and
/// runs with no BLAS installed (docs/DESIGN.md §2).
///
/// The candidates are tried in order: `libopenblas.so.0`, `libcblas.so.3`, `libblas.so.3`
/// (Accelerate on macOS); the first one that exports both `cblas_sgemm` and `cblas_dgemm`
/// is kept for the life of the process.
///
/// ```swift
/// if let name = SystemBLAS.libraryName {
///     print("BLAS: \(name), kernel \(SystemBLAS.coreName ?? "unknown")")
/// }
/// ```
public enum SystemBLAS {
    /// The library names tried, in order.
    public static let candidates: [String] = {
        #if os(macOS)
        return ["/System/Library/Frameworks/Accelerate.framework/Accelerate"]
        #else
        return ["libopenblas.so.0", "libcblas.so.3", "libblas.so.3"]
        #endif
    }()

    /// The name of the loaded library (as passed to `dlopen`), or `nil` when none loads.
    public static var libraryName: String? { loaded?.name }

    /// True when a BLAS library with `cblas_sgemm` and `cblas_dgemm` was loaded.
    public static var isAvailable: Bool { loaded != nil }

    /// OpenBLAS's name for the kernel it chose for this CPU (`openblas_get_corename`, e.g.
    /// `"SkylakeX"` or `"Haswell"`); `nil` for other libraries.
    public static var coreName: String? { loaded?.coreName }

    /// Sets the number of threads OpenBLAS uses (`openblas_set_num_threads`); returns false
    /// when the loaded library has no such control. This changes the library's global state.
    @discardableResult
    public static func setThreadCount(_ count: Int) -> Bool {
        guard let set = loaded?.setNumThreads else { return false }
        set(Int32(clamping: Swift.max(count, 1)))
        return true
    }

    /// Calls the library's `cblas_sgemm` directly for row-major `C = A · B` (A m×k with
    /// leading dimension `lda`, B k×n with `ldb`, C m×n with `ldc`): the reference that
    /// benchmarks compare ``matmul(_:_:backend:maxThreads:)`` with. Returns false when no
    /// BLAS is loaded.
    @discardableResult
    package static func sgemm(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                             b: UnsafePointer<Float>, ldb: Int,
                             c: UnsafeMutablePointer<Float>, ldc: Int) -> Bool {
        guard let blas = loaded else { return false }
        blas.sgemm(CBLAS.rowMajor, CBLAS.noTrans, CBLAS.noTrans, Int32(m), Int32(n), Int32(k),
                   1, a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
        return true
    }

    /// Loaded once, on first use; Swift runs a static's initializer exactly once even when
    /// several threads race to it. OpenBLAS is then given the process's thread count.
    static let loaded: LoadedBLAS? = {
        let policy = ThreadPolicy.current
        let count = threadCount(policy, environment: ProcessInfo.processInfo.environment)
        // OpenBLAS starts its worker threads as it loads, as many as OPENBLAS_NUM_THREADS
        // says, and they spin for a while even when unused; so an explicit DEZERO_NUM_THREADS
        // is passed on before loading (child processes inherit it, as they do DeZero's).
        if policy.isExplicit { setenv("OPENBLAS_NUM_THREADS", String(policy.count), 1) }
        // Its workers spin about 0.1 s after each product by default, on the cores our own
        // kernels run on next (measured: the built-in GEMM right after an OpenBLAS product
        // ran at half speed on two threads). The shortest timeout lets them sleep at once;
        // a user's own setting is kept.
        setenv("OPENBLAS_THREAD_TIMEOUT", "4", 0)
        for name in candidates {
            if let blas = LoadedBLAS(name: name) {
                if let count { blas.setNumThreads?(Int32(count)) }
                return blas
            }
        }
        return nil
    }()

    /// The thread count to give OpenBLAS when it loads, or `nil` to leave its own: the
    /// policy's count when `DEZERO_NUM_THREADS` is set, or when neither `OPENBLAS_NUM_THREADS`
    /// nor `OMP_NUM_THREADS` is (so a cgroup quota applies to it too). OpenBLAS's own
    /// variables are honoured only when DeZero's is not given.
    static func threadCount(_ policy: ThreadPolicy, environment: [String: String]) -> Int? {
        if policy.isExplicit { return policy.count }
        let ownSetting = environment["OPENBLAS_NUM_THREADS"] != nil || environment["OMP_NUM_THREADS"] != nil
        return ownSetting ? nil : policy.count
    }
}

/// CBLAS enumeration values (from the CBLAS standard header).
enum CBLAS {
    static let rowMajor: Int32 = 101
    static let noTrans: Int32 = 111
    static let trans: Int32 = 112
}

typealias CBLASSgemm = @convention(c) (
    Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
    UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32) -> Void
typealias CBLASDgemm = @convention(c) (
    Int32, Int32, Int32, Int32, Int32, Int32, Double, UnsafePointer<Double>?, Int32,
    UnsafePointer<Double>?, Int32, Double, UnsafeMutablePointer<Double>?, Int32) -> Void

/// The symbols resolved from one BLAS library. The handle is never closed: the functions
/// stay valid for the life of the process. Unchecked `Sendable` because C function pointers
/// are not `Sendable` to the compiler, though these are immutable and thread-safe to call
/// (not a wrapper for shared mutable memory, so not ``UncheckedSendable``).
struct LoadedBLAS: @unchecked Sendable {
    let name: String
    let sgemm: CBLASSgemm
    let dgemm: CBLASDgemm
    let setNumThreads: (@convention(c) (Int32) -> Void)?
    let coreName: String?
    /// OpenBLAS, recognised by its own symbols (under any file name: Debian's `libblas.so.3`
    /// is often OpenBLAS).
    let isOpenBLAS: Bool
    /// MKL, BLIS or Accelerate, recognised by a symbol only they export.
    let isKnownOptimized: Bool

    init?(name: String) {
        guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { return nil }
        guard let s = dlsym(handle, "cblas_sgemm"), let d = dlsym(handle, "cblas_dgemm") else {
            dlclose(handle)  // a Fortran-only BLAS: no CBLAS interface to call
            return nil
        }
        self.name = name
        sgemm = unsafeBitCast(s, to: CBLASSgemm.self)
        dgemm = unsafeBitCast(d, to: CBLASDgemm.self)
        setNumThreads = dlsym(handle, "openblas_set_num_threads").map {
            unsafeBitCast($0, to: (@convention(c) (Int32) -> Void).self)
        }
        isOpenBLAS = dlsym(handle, "openblas_get_corename") != nil
        coreName = dlsym(handle, "openblas_get_corename").flatMap {
            let get = unsafeBitCast($0, to: (@convention(c) () -> UnsafePointer<CChar>?).self)
            return get().map { String(cString: $0) }
        }
        #if os(macOS)
        isKnownOptimized = true
        #else
        isKnownOptimized = dlsym(handle, "MKL_Get_Version") != nil
            || dlsym(handle, "bli_info_get_version_str") != nil
        #endif
    }
}
