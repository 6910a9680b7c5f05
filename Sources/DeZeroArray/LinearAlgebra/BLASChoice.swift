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
/// let epyc = BLASChoice.Facts(setting: nil, library: .openBLAS(core: "Cooperlake"), builtinLevel: 2)
/// BLASChoice.decide(epyc).backend    // .systemBLAS
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
    /// 3. OpenBLAS: the system BLAS when its kernel uses wider vectors than the built-in
    ///    kernel (``openBLASKernelLevel(core:)``), the built-in kernel when narrower. A kernel
    ///    name the rule does not know counts as narrower, except against the portable kernel.
    ///    At equal width (``tieGoesToBuiltin(level:)``) the built-in kernel wins at AVX2 and
    ///    OpenBLAS at AVX-512 and below.
    /// 4. MKL, BLIS, Accelerate: the system BLAS.
    /// 5. Any other library: the built-in kernel. Nothing says its kernels are blocked or
    ///    vectorized; the reference BLAS, for one, multiplies in plain loops.
    ///
    /// The thread count plays no part: both paths run on ``ThreadPolicy``'s count.
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
            let kernel = "OpenBLAS kernel \(name) (\(levelName(theirs)))"
            if theirs > facts.builtinLevel {
                return Decision(backend: .systemBLAS, reason: "\(kernel) is wider than \(ours)")
            } else if theirs < facts.builtinLevel {
                return Decision(backend: .builtin, reason: "\(kernel) is narrower than \(ours)")
            }
            return tieGoesToBuiltin(level: theirs)
                ? Decision(backend: .builtin, reason: "\(kernel) is as wide as \(ours), which is as fast on one thread and faster on two")
                : Decision(backend: .systemBLAS, reason: "\(kernel) is as wide as \(ours)")
        case .optimized(let library):
            return Decision(backend: .systemBLAS, reason: "\(library) picks its kernels for this CPU")
        case .other(let library):
            return Decision(backend: .builtin, reason: "\(library) is not a BLAS known to be optimized")
        }
    }

    /// Whether the built-in kernel is preferred to an OpenBLAS kernel of the same vector width.
    ///
    /// At AVX2 (OpenBLAS's Haswell and Zen kernels against the built-in 6×16 one), measured on
    /// a 2-core Zen 4 EPYC whose hypervisor hides AVX-512: the built-in kernel was 0.9–1.05×
    /// OpenBLAS on one thread and 1.0–1.4× on two (n = 1024 and 2048, and the MLP's products of
    /// 100 rows), and the MLP epoch with other processes on the cores took a third to half of
    /// OpenBLAS's time: its tasks are taken dynamically, where OpenBLAS splits the work in
    /// fixed shares that wait for a descheduled thread. At AVX-512 no such measurement was
    /// made since the built-in GEMM's threading changed, and OpenBLAS's Cooperlake kernel had
    /// reached 160–187 GFLOP/s on two threads of such an EPYC, so OpenBLAS keeps the tie. Below
    /// AVX2 OpenBLAS's SSE kernels beat the portable C one.
    package static func tieGoesToBuiltin(level: Int) -> Bool { level == 1 }

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
