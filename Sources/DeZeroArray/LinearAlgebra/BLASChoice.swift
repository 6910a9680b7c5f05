#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rule behind ``MatmulBackend/automatic``: which kernel a float matrix product runs on,
/// decided from a few facts about the machine by a pure function, so the rule can be checked
/// for CPUs other than the one the tests run on.
///
/// The facts are the `DEZERO_BLAS` setting, the BLAS library that loaded (OpenBLAS with the
/// name of the kernel it picked for this CPU, a library known to pick its kernels well, or
/// another one), and the instruction set of the built-in kernel (``BuiltinGEMM/cpuLevel``).
/// The rule compares kernels, not CPU names: OpenBLAS names the kernel it runs
/// (`openblas_get_corename`), and that kernel's vector width against the built-in kernel's is
/// what decides the speed. The same Zen 4 EPYC runs OpenBLAS's AVX-512 "Cooperlake" kernel
/// when its hypervisor shows AVX-512 and the AVX2 "Zen" kernel when it hides it; a Xeon newer
/// than Debian's OpenBLAS 0.3.21 gets its SSE3 "Prescott" fallback.
///
/// ```swift
/// let xeon = BLASChoice.Facts(setting: nil, library: .openBLAS(core: "Prescott"), builtinLevel: 2)
/// BLASChoice.decide(xeon).backend    // .builtin: an SSE3 kernel against our AVX-512 one
/// ```
package enum BLASChoice {
    /// The BLAS library found at run time, as far as the choice is concerned.
    package enum Library: Equatable, Sendable {
        /// None of ``SystemBLAS/candidates`` loads.
        case none
        /// OpenBLAS, with the name of the kernel it chose (`nil` when it does not say).
        case openBLAS(core: String?)
        /// MKL, BLIS or Accelerate: they pick their kernels from the CPU's instruction sets.
        case optimized(name: String)
        /// Any other CBLAS, such as the reference BLAS (plain loops).
        case other(name: String)
    }

    /// Everything the decision depends on.
    package struct Facts: Equatable, Sendable {
        /// `DEZERO_BLAS` as set (any case), or `nil`.
        package var setting: String?
        package var library: Library
        /// The built-in kernel's instruction set: 2 AVX-512, 1 AVX2+FMA, 0 portable C.
        package var builtinLevel: Int

        package init(setting: String?, library: Library, builtinLevel: Int) {
            (self.setting, self.library, self.builtinLevel) = (setting, library, builtinLevel)
        }
    }

    /// A decision and the reason for it, in words (printed by `dezero-bench gemm`).
    package struct Decision: Equatable, Sendable {
        package var backend: MatmulBackend
        package var reason: String
    }

    /// The backend for `facts`.
    ///
    /// 1. `DEZERO_BLAS=builtin` gives the built-in kernel; `DEZERO_BLAS=system` the system BLAS
    ///    whenever one loads. Other values are ignored.
    /// 2. No BLAS: the built-in kernel.
    /// 3. OpenBLAS: the system BLAS when its kernel uses vectors at least as wide as the
    ///    built-in kernel's (``openBLASKernelLevel(core:)``), else the built-in kernel. At equal
    ///    width OpenBLAS is kept: on the Zen 4 EPYC with AVX-512 hidden (its "Zen" kernel
    ///    against our AVX2 one) it is as fast on one thread and a little faster on the products
    ///    of the MLP's backward pass, and it is the library people expect. A kernel name the rule
    ///    does not know counts as slower, except where the built-in kernel is the portable one.
    /// 4. MKL, BLIS, Accelerate: the system BLAS.
    /// 5. Any other library: the built-in kernel. Nothing says its kernels are blocked or
    ///    vectorized; the reference BLAS, for one, multiplies in plain loops.
    ///
    /// The thread count plays no part: both paths use ``ThreadPolicy``'s count, and their
    /// ratio on two threads was within their one-thread ratio's noise once the built-in
    /// GEMM ran each product as one parallel region.
    package static func decide(_ facts: Facts) -> Decision {
        let hasLibrary = facts.library != .none
        switch facts.setting?.lowercased() {
        case "builtin": return Decision(backend: .builtin, reason: "DEZERO_BLAS=builtin")
        case "system":
            return hasLibrary ? Decision(backend: .systemBLAS, reason: "DEZERO_BLAS=system")
                : Decision(backend: .builtin, reason: "DEZERO_BLAS=system, but no BLAS library loads")
        default: break
        }
        let ours = "the built-in \(levelName(facts.builtinLevel)) kernel"
        switch facts.library {
        case .none:
            return Decision(backend: .builtin, reason: "no BLAS library loads")
        case .openBLAS(let core):
            let name = core ?? "unnamed"
            guard let theirs = core.flatMap(openBLASKernelLevel(core:)) else {
                return facts.builtinLevel == 0
                    ? Decision(backend: .systemBLAS, reason: "OpenBLAS kernel \(name) against \(ours)")
                    : Decision(backend: .builtin, reason: "OpenBLAS kernel \(name) is not one known to use AVX2; \(ours) is")
            }
            return theirs >= facts.builtinLevel
                ? Decision(backend: .systemBLAS, reason: "OpenBLAS kernel \(name) (\(levelName(theirs))) is as wide as \(ours)")
                : Decision(backend: .builtin, reason: "OpenBLAS kernel \(name) (\(levelName(theirs))) is narrower than \(ours)")
        case .optimized(let library):
            return Decision(backend: .systemBLAS, reason: "\(library) picks its kernels for this CPU")
        case .other(let library):
            return Decision(backend: .builtin, reason: "\(library) is not a BLAS known to be optimized")
        }
    }

    /// The vector width of OpenBLAS's kernel named `core`, on ``BuiltinGEMM/cpuLevel``'s scale:
    /// 2 for its AVX-512 kernels, 1 for AVX2+FMA, 0 for older x86 kernels and for other
    /// architectures' (where the built-in kernel is the portable one anyway); `nil` for a
    /// name not listed here. Excavator counts as AVX2, as the previous rule had it (no such
    /// machine was measured).
    package static func openBLASKernelLevel(core: String) -> Int? {
        let name = core.lowercased()
        if ["skylakex", "cooperlake", "sapphirerapids"].contains(name) { return 2 }
        if ["haswell", "zen", "excavator"].contains(name) { return 1 }
        let olderX86 = ["prescott", "core2", "penryn", "dunnington", "nehalem", "sandybridge", "atom",
                        "barcelona", "bobcat", "bulldozer", "piledriver", "steamroller", "opteron",
                        "opteron(sse3)", "katmai", "coppermine", "northwood", "banias", "nano"]
        if olderX86.contains(name) { return 0 }
        let otherArchitectures = ["armv8", "cortexa53", "cortexa55", "cortexa57", "cortexa72", "cortexa73",
                                  "neoversen1", "neoversen2", "neoversev1", "thunderx", "thunderx2t99",
                                  "thunderx3t110", "tsv110", "emag8180", "falkor", "a64fx", "power8",
                                  "power9", "power10", "z13", "z14", "riscv64_generic", "loongson3r4"]
        return otherArchitectures.contains(name) ? 0 : nil
    }

    /// "AVX-512", "AVX2" or "portable".
    static func levelName(_ level: Int) -> String {
        switch level {
        case 2...: "AVX-512"
        case 1: "AVX2"
        default: "portable"
        }
    }

    /// This process's facts: its `DEZERO_BLAS`, the library ``SystemBLAS`` loaded and the
    /// built-in kernel's level on this CPU.
    package static var thisMachine: Facts {
        let library: Library
        if let blas = SystemBLAS.loaded {
            if blas.isOpenBLAS { library = .openBLAS(core: blas.coreName) }
            else if blas.isKnownOptimized { library = .optimized(name: blas.name) }
            else { library = .other(name: blas.name) }
        } else {
            library = .none
        }
        return Facts(setting: getenv("DEZERO_BLAS").map { String(cString: $0) }, library: library,
                     builtinLevel: BuiltinGEMM.cpuLevel)
    }
}
