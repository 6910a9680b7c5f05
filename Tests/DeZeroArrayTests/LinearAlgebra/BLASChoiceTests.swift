import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import DeZeroArray

/// The rule behind `MatmulBackend.automatic`, checked on the machines these tests may run on
/// and some they never do: the decision is a function of the facts, so each machine is a row.
@Suite struct BLASChoiceTests {
    typealias Facts = BLASChoice.Facts

    /// (machine, facts, expected backend). Core names are what OpenBLAS 0.3.21 reports.
    static let machines: [(String, Facts, MatmulBackend)] = [
        // Intel Xeon (Ice Lake, AVX-512) with an OpenBLAS that knows it.
        ("Xeon, OpenBLAS SkylakeX", Facts(setting: nil, library: .openBLAS(core: "SkylakeX"), builtinLevel: 2), .systemBLAS),
        ("Xeon, OpenBLAS SapphireRapids", Facts(setting: nil, library: .openBLAS(core: "SapphireRapids"), builtinLevel: 2), .systemBLAS),
        // Intel Xeon newer than Debian's OpenBLAS: its SSE3 fallback against our AVX-512.
        ("Xeon, OpenBLAS Prescott", Facts(setting: nil, library: .openBLAS(core: "Prescott"), builtinLevel: 2), .builtin),
        // Intel Xeon (Haswell/Broadwell, AVX2): equal width at AVX2, the built-in kernel.
        ("Xeon AVX2, OpenBLAS Haswell", Facts(setting: nil, library: .openBLAS(core: "Haswell"), builtinLevel: 1), .builtin),
        // AMD EPYC Zen 4 with AVX-512 shown: OpenBLAS runs its Cooperlake kernel.
        ("EPYC AVX-512, OpenBLAS Cooperlake", Facts(setting: nil, library: .openBLAS(core: "Cooperlake"), builtinLevel: 2), .systemBLAS),
        // The same EPYC with AVX-512 hidden by the hypervisor: AVX2 against AVX2.
        ("EPYC AVX2, OpenBLAS Zen", Facts(setting: nil, library: .openBLAS(core: "Zen"), builtinLevel: 1), .builtin),
        // A wider OpenBLAS kernel than ours (our AVX-512 kernel capped, say).
        ("EPYC AVX-512, OpenBLAS Cooperlake, AVX2 built-in", Facts(setting: nil, library: .openBLAS(core: "Cooperlake"), builtinLevel: 1), .systemBLAS),
        // An AVX-512 EPYC with an OpenBLAS that only has its AVX2 Zen kernel for it.
        ("EPYC AVX-512, OpenBLAS Zen", Facts(setting: nil, library: .openBLAS(core: "Zen"), builtinLevel: 2), .builtin),
        // Unknown or unnamed kernels: slower unless ours is the portable one.
        ("x86, OpenBLAS unknown core", Facts(setting: nil, library: .openBLAS(core: "FutureLake"), builtinLevel: 1), .builtin),
        ("x86, OpenBLAS unnamed core", Facts(setting: nil, library: .openBLAS(core: nil), builtinLevel: 2), .builtin),
        ("no AVX2, OpenBLAS unknown core", Facts(setting: nil, library: .openBLAS(core: "FutureLake"), builtinLevel: 0), .systemBLAS),
        // An old x86 without AVX2: OpenBLAS's SSE kernel against the portable one.
        ("old x86, OpenBLAS Nehalem", Facts(setting: nil, library: .openBLAS(core: "Nehalem"), builtinLevel: 0), .systemBLAS),
        ("AVX2 x86, OpenBLAS Sandybridge", Facts(setting: nil, library: .openBLAS(core: "Sandybridge"), builtinLevel: 1), .builtin),
        // ARM: the built-in kernel is the portable one there.
        ("ARM, OpenBLAS NeoverseN1", Facts(setting: nil, library: .openBLAS(core: "neoversen1"), builtinLevel: 0), .systemBLAS),
        // Other libraries.
        ("MKL", Facts(setting: nil, library: .optimized(name: "libmkl_rt.so"), builtinLevel: 2), .systemBLAS),
        ("reference BLAS", Facts(setting: nil, library: .other(name: "libblas.so.3"), builtinLevel: 1), .builtin),
        ("reference BLAS, no AVX2", Facts(setting: nil, library: .other(name: "libblas.so.3"), builtinLevel: 0), .builtin),
        ("no BLAS", Facts(setting: nil, library: .none, builtinLevel: 2), .builtin),
        ("no BLAS, no AVX2", Facts(setting: nil, library: .none, builtinLevel: 0), .builtin),
    ]

    @Test func decidesForEachMachine() {
        for (machine, facts, expected) in Self.machines {
            let decision = BLASChoice.decide(facts)
            #expect(decision.backend == expected, "\(machine): \(decision.reason)")
            #expect(!decision.reason.isEmpty)
        }
    }

    @Test func settingOverridesTheRule() {
        for (machine, facts, _) in Self.machines {
            var forced = facts
            forced.setting = "builtin"
            #expect(BLASChoice.decide(forced).backend == .builtin, "\(machine)")
            forced.setting = "SYSTEM"  // any case
            #expect(BLASChoice.decide(forced).backend == (facts.library == .none ? .builtin : .systemBLAS), "\(machine)")
            forced.setting = "fastest"  // not a setting: the rule decides
            #expect(BLASChoice.decide(forced).backend == BLASChoice.decide(facts).backend, "\(machine)")
        }
    }

    @Test func tiesGoToBuiltinOnlyAtAVX2() {
        #expect(BLASChoice.tieGoesToBuiltin(level: 1))
        #expect(!BLASChoice.tieGoesToBuiltin(level: 2))
        #expect(!BLASChoice.tieGoesToBuiltin(level: 0))
    }

    @Test func kernelNamesMapToVectorWidths() {
        #expect(BLASChoice.openBLASKernelLevel(core: "Cooperlake") == 2)
        #expect(BLASChoice.openBLASKernelLevel(core: "SKYLAKEX") == 2)
        #expect(BLASChoice.openBLASKernelLevel(core: "Zen") == 1)
        #expect(BLASChoice.openBLASKernelLevel(core: "Haswell") == 1)
        #expect(BLASChoice.openBLASKernelLevel(core: "Prescott") == 0)
        #expect(BLASChoice.openBLASKernelLevel(core: "armv8") == 0)
        #expect(BLASChoice.openBLASKernelLevel(core: "") == nil)
        #expect(BLASChoice.openBLASKernelLevel(core: "Zen5") == nil)
    }

    /// The live decision is the rule applied to this machine's facts.
    @Test func liveChoiceFollowsTheRule() {
        let facts = BLASChoice.thisMachine
        #expect(MatmulBackend.automaticChoice == BLASChoice.decide(facts).backend, "\(facts)")
        #expect(facts.builtinLevel == BuiltinGEMM.cpuLevel)
        #expect((facts.library == .none) == !SystemBLAS.isAvailable)
        if case .openBLAS(let core) = facts.library { #expect(core == SystemBLAS.coreName) }
    }

    /// OpenBLAS is loaded with a short spin timeout (a user's own setting kept), so its idle
    /// workers do not hold the cores the built-in kernels use next.
    @Test func openBLASWorkersDoNotSpin() {
        guard SystemBLAS.isAvailable else { return }
        let value = getenv("OPENBLAS_THREAD_TIMEOUT").map { String(cString: $0) }
        #expect(value != nil)
    }
}
