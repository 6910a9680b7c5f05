import Testing
import DeZeroArray

// Expected strings are NumPy's own output: NumPy 2.4.6's str() and repr() of the NumPy
// expression named in each case (python3 -c "import numpy as np; print(repr(str(<expr>)))"),
// pasted verbatim. They exercise NumPy's documented print rules: shortest round-trip digits
// cut to 8 fraction digits, common width per array, scientific notation past 1e8 / below
// 1e-4 / beyond a ratio of 1000, summarising above 1000 elements, wrapping at 75 columns.

struct NumPyPrintCase: Sendable, CustomTestStringConvertible {
    let numpy: String
    let array: NDArray
    let str: String
    let repr: String
    init(_ numpy: String, _ array: NDArray, str: String, repr: String) {
        (self.numpy, self.array, self.str, self.repr) = (numpy, array, str, repr)
    }
    var testDescription: String { numpy }
}

private let printCases: [NumPyPrintCase] = [
    NumPyPrintCase("np.array([1., 2., 3.])",
              NDArray([1, 2, 3] as [Double]),
              str: "[1. 2. 3.]",
              repr: "array([1., 2., 3.])"),
    NumPyPrintCase("np.array([[1, 2], [3, 4]], dtype=np.float32)",
              NDArray([1, 2, 3, 4] as [Float], shape: [2, 2]),
              str: "[[1. 2.]\n [3. 4.]]",
              repr: "array([[1., 2.],\n       [3., 4.]], dtype=float32)"),
    NumPyPrintCase("np.array([[1., 2.], [3., 4.]])",
              NDArray([1, 2, 3, 4] as [Double], shape: [2, 2]),
              str: "[[1. 2.]\n [3. 4.]]",
              repr: "array([[1., 2.],\n       [3., 4.]])"),
    NumPyPrintCase("np.array(3.5)",
              NDArray(3.5),
              str: "3.5",
              repr: "array(3.5)"),
    NumPyPrintCase("np.array(3.297442541400256)",
              NDArray(3.297442541400256),
              str: "3.297442541400256",
              repr: "array(3.29744254)"),
    NumPyPrintCase("np.array(3.5, dtype=np.float32)",
              NDArray(Float(3.5)),
              str: "3.5",
              repr: "array(3.5, dtype=float32)"),
    NumPyPrintCase("np.array(7)",
              NDArray(7),
              str: "7",
              repr: "array(7)"),
    NumPyPrintCase("np.array(1e20)",
              NDArray(1e20),
              str: "1e+20",
              repr: "array(1.e+20)"),
    NumPyPrintCase("np.array([], dtype=np.float32)",
              NDArray([Float](), shape: [0]),
              str: "[]",
              repr: "array([], dtype=float32)"),
    NumPyPrintCase("np.zeros((0,))",
              NDArray([Double](), shape: [0]),
              str: "[]",
              repr: "array([], dtype=float64)"),
    NumPyPrintCase("np.zeros((0,), dtype=np.int64)",
              NDArray([Int](), shape: [0]),
              str: "[]",
              repr: "array([], dtype=int64)"),
    NumPyPrintCase("np.zeros((2, 0))",
              NDArray([Double](), shape: [2, 0]),
              str: "[]",
              repr: "array([], shape=(2, 0), dtype=float64)"),
    NumPyPrintCase("np.zeros((1, 0, 2))",
              NDArray([Double](), shape: [1, 0, 2]),
              str: "[]",
              repr: "array([], shape=(1, 0, 2), dtype=float64)"),
    NumPyPrintCase("np.array([True, False])",
              NDArray([true, false]),
              str: "[ True False]",
              repr: "array([ True, False])"),
    NumPyPrintCase("np.array(True)",
              NDArray(true),
              str: "True",
              repr: "array(True)"),
    NumPyPrintCase("np.array([[True, False], [False, True]])",
              NDArray([[true, false], [false, true]] as [[Bool]]),
              str: "[[ True False]\n [False  True]]",
              repr: "array([[ True, False],\n       [False,  True]])"),
    NumPyPrintCase("np.array([1., 2.5])",
              NDArray([1, 2.5] as [Double]),
              str: "[1.  2.5]",
              repr: "array([1. , 2.5])"),
    NumPyPrintCase("np.array([0.001953125, 1.0])",
              NDArray([0.001953125, 1.0] as [Double]),
              str: "[0.00195312 1.        ]",
              repr: "array([0.00195312, 1.        ])"),
    NumPyPrintCase("np.array([0.1 + 0.2, 1 / 3])",
              NDArray([0.1 + 0.2, 1.0 / 3] as [Double]),
              str: "[0.3        0.33333333]",
              repr: "array([0.3       , 0.33333333])"),
    NumPyPrintCase("np.array([-0.0, 1.0])",
              NDArray([-0.0, 1.0] as [Double]),
              str: "[-0.  1.]",
              repr: "array([-0.,  1.])"),
    NumPyPrintCase("np.array([1e-5, 1.0])",
              NDArray([1e-5, 1.0] as [Double]),
              str: "[1.e-05 1.e+00]",
              repr: "array([1.e-05, 1.e+00])"),
    NumPyPrintCase("np.array([1e8, 1.0])",
              NDArray([1e8, 1.0] as [Double]),
              str: "[1.e+08 1.e+00]",
              repr: "array([1.e+08, 1.e+00])"),
    NumPyPrintCase("np.array([1e-5, 1e10])",
              NDArray([1e-5, 1e10] as [Double]),
              str: "[1.e-05 1.e+10]",
              repr: "array([1.e-05, 1.e+10])"),
    NumPyPrintCase("np.array([0., 1e-5])",
              NDArray([0, 1e-5] as [Double]),
              str: "[0.e+00 1.e-05]",
              repr: "array([0.e+00, 1.e-05])"),
    NumPyPrintCase("np.array([1e100, 1e-100])",
              NDArray([1e100, 1e-100] as [Double]),
              str: "[1.e+100 1.e-100]",
              repr: "array([1.e+100, 1.e-100])"),
    NumPyPrintCase("np.array([123456789.])",
              NDArray([123456789.0] as [Double]),
              str: "[1.23456789e+08]",
              repr: "array([1.23456789e+08])"),
    NumPyPrintCase("np.array([1.5e-5, 2.25e-7])",
              NDArray([1.5e-5, 2.25e-7] as [Double]),
              str: "[1.50e-05 2.25e-07]",
              repr: "array([1.50e-05, 2.25e-07])"),
    NumPyPrintCase("np.array([1.23456789123e-5, 1.0])",
              NDArray([1.23456789123e-5, 1.0] as [Double]),
              str: "[1.23456789e-05 1.00000000e+00]",
              repr: "array([1.23456789e-05, 1.00000000e+00])"),
    NumPyPrintCase("np.array([nan, 1., -inf])",
              NDArray([.nan, 1, -.infinity] as [Double]),
              str: "[ nan   1. -inf]",
              repr: "array([ nan,   1., -inf])"),
    NumPyPrintCase("np.array([nan])",
              NDArray([.nan] as [Double]),
              str: "[nan]",
              repr: "array([nan])"),
    NumPyPrintCase("np.array([nan, inf])",
              NDArray([.nan, .infinity] as [Double]),
              str: "[nan inf]",
              repr: "array([nan, inf])"),
    NumPyPrintCase("np.array([-inf, inf])",
              NDArray([-.infinity, .infinity] as [Double]),
              str: "[-inf  inf]",
              repr: "array([-inf,  inf])"),
    NumPyPrintCase("np.array([1, -2, 300])",
              NDArray([1, -2, 300]),
              str: "[  1  -2 300]",
              repr: "array([  1,  -2, 300])"),
    NumPyPrintCase("np.array([2**63 - 1, -2**63])",
              NDArray([Int.max, Int.min]),
              str: "[ 9223372036854775807 -9223372036854775808]",
              repr: "array([ 9223372036854775807, -9223372036854775808])"),
    NumPyPrintCase("np.array([0.1, 0.2], dtype=np.float32)",
              NDArray([0.1, 0.2] as [Float]),
              str: "[0.1 0.2]",
              repr: "array([0.1, 0.2], dtype=float32)"),
    NumPyPrintCase("np.array([0.1, 1 / 3, 2 / 3], dtype=np.float32)",
              NDArray([0.1, 1.0 / 3, 2.0 / 3] as [Float]),
              str: "[0.1        0.33333334 0.6666667 ]",
              repr: "array([0.1       , 0.33333334, 0.6666667 ], dtype=float32)"),
    NumPyPrintCase("(np.arange(9) * 1.5).astype(np.float32)",
              NDArray((0..<9).map { Float($0) * 1.5 }),
              str: "[ 0.   1.5  3.   4.5  6.   7.5  9.  10.5 12. ]",
              repr: "array([ 0. ,  1.5,  3. ,  4.5,  6. ,  7.5,  9. , 10.5, 12. ],\n      dtype=float32)"),
    NumPyPrintCase("np.arange(30.)",
              NDArray((0..<30).map { Double($0) }),
              str: "[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n 18. 19. 20. 21. 22. 23. 24. 25. 26. 27. 28. 29.]",
              repr: "array([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12.,\n       13., 14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25.,\n       26., 27., 28., 29.])"),
    NumPyPrintCase("np.arange(30.).astype(np.float32)",
              NDArray((0..<30).map { Float($0) }),
              str: "[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n 18. 19. 20. 21. 22. 23. 24. 25. 26. 27. 28. 29.]",
              repr: "array([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12.,\n       13., 14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25.,\n       26., 27., 28., 29.], dtype=float32)"),
    NumPyPrintCase("np.array([-1 + 2 * i / 19 for i in range(20)])",
              NDArray((0..<20).map { -1 + 2 * Double($0) / 19 }),
              str: "[-1.         -0.89473684 -0.78947368 -0.68421053 -0.57894737 -0.47368421\n -0.36842105 -0.26315789 -0.15789474 -0.05263158  0.05263158  0.15789474\n  0.26315789  0.36842105  0.47368421  0.57894737  0.68421053  0.78947368\n  0.89473684  1.        ]",
              repr: "array([-1.        , -0.89473684, -0.78947368, -0.68421053, -0.57894737,\n       -0.47368421, -0.36842105, -0.26315789, -0.15789474, -0.05263158,\n        0.05263158,  0.15789474,  0.26315789,  0.36842105,  0.47368421,\n        0.57894737,  0.68421053,  0.78947368,  0.89473684,  1.        ])"),
    NumPyPrintCase("np.arange(24).reshape(2, 3, 4)",
              NDArray(Array(0..<24), shape: [2, 3, 4]),
              str: "[[[ 0  1  2  3]\n  [ 4  5  6  7]\n  [ 8  9 10 11]]\n\n [[12 13 14 15]\n  [16 17 18 19]\n  [20 21 22 23]]]",
              repr: "array([[[ 0,  1,  2,  3],\n        [ 4,  5,  6,  7],\n        [ 8,  9, 10, 11]],\n\n       [[12, 13, 14, 15],\n        [16, 17, 18, 19],\n        [20, 21, 22, 23]]])"),
    NumPyPrintCase("np.arange(16).reshape(2, 2, 2, 2)",
              NDArray(Array(0..<16), shape: [2, 2, 2, 2]),
              str: "[[[[ 0  1]\n   [ 2  3]]\n\n  [[ 4  5]\n   [ 6  7]]]\n\n\n [[[ 8  9]\n   [10 11]]\n\n  [[12 13]\n   [14 15]]]]",
              repr: "array([[[[ 0,  1],\n         [ 2,  3]],\n\n        [[ 4,  5],\n         [ 6,  7]]],\n\n\n       [[[ 8,  9],\n         [10, 11]],\n\n        [[12, 13],\n         [14, 15]]]])"),
    NumPyPrintCase("np.arange(2000.)",
              NDArray((0..<2000).map { Double($0) }),
              str: "[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]",
              repr: "array([0.000e+00, 1.000e+00, 2.000e+00, ..., 1.997e+03, 1.998e+03,\n       1.999e+03], shape=(2000,))"),
    NumPyPrintCase("np.arange(1001.)",
              NDArray((0..<1001).map { Double($0) }),
              str: "[   0.    1.    2. ...  998.  999. 1000.]",
              repr: "array([   0.,    1.,    2., ...,  998.,  999., 1000.], shape=(1001,))"),
    NumPyPrintCase("np.arange(1001)",
              NDArray(Array(0..<1001)),
              str: "[   0    1    2 ...  998  999 1000]",
              repr: "array([   0,    1,    2, ...,  998,  999, 1000], shape=(1001,))"),
    NumPyPrintCase("np.arange(2000).reshape(40, 50)",
              NDArray(Array(0..<2000), shape: [40, 50]),
              str: "[[   0    1    2 ...   47   48   49]\n [  50   51   52 ...   97   98   99]\n [ 100  101  102 ...  147  148  149]\n ...\n [1850 1851 1852 ... 1897 1898 1899]\n [1900 1901 1902 ... 1947 1948 1949]\n [1950 1951 1952 ... 1997 1998 1999]]",
              repr: "array([[   0,    1,    2, ...,   47,   48,   49],\n       [  50,   51,   52, ...,   97,   98,   99],\n       [ 100,  101,  102, ...,  147,  148,  149],\n       ...,\n       [1850, 1851, 1852, ..., 1897, 1898, 1899],\n       [1900, 1901, 1902, ..., 1947, 1948, 1949],\n       [1950, 1951, 1952, ..., 1997, 1998, 1999]], shape=(40, 50))"),
    NumPyPrintCase("np.arange(3000).reshape(10, 10, 30)",
              NDArray(Array(0..<3000), shape: [10, 10, 30]),
              str: "[[[   0    1    2 ...   27   28   29]\n  [  30   31   32 ...   57   58   59]\n  [  60   61   62 ...   87   88   89]\n  ...\n  [ 210  211  212 ...  237  238  239]\n  [ 240  241  242 ...  267  268  269]\n  [ 270  271  272 ...  297  298  299]]\n\n [[ 300  301  302 ...  327  328  329]\n  [ 330  331  332 ...  357  358  359]\n  [ 360  361  362 ...  387  388  389]\n  ...\n  [ 510  511  512 ...  537  538  539]\n  [ 540  541  542 ...  567  568  569]\n  [ 570  571  572 ...  597  598  599]]\n\n [[ 600  601  602 ...  627  628  629]\n  [ 630  631  632 ...  657  658  659]\n  [ 660  661  662 ...  687  688  689]\n  ...\n  [ 810  811  812 ...  837  838  839]\n  [ 840  841  842 ...  867  868  869]\n  [ 870  871  872 ...  897  898  899]]\n\n ...\n\n [[2100 2101 2102 ... 2127 2128 2129]\n  [2130 2131 2132 ... 2157 2158 2159]\n  [2160 2161 2162 ... 2187 2188 2189]\n  ...\n  [2310 2311 2312 ... 2337 2338 2339]\n  [2340 2341 2342 ... 2367 2368 2369]\n  [2370 2371 2372 ... 2397 2398 2399]]\n\n [[2400 2401 2402 ... 2427 2428 2429]\n  [2430 2431 2432 ... 2457 2458 2459]\n  [2460 2461 2462 ... 2487 2488 2489]\n  ...\n  [2610 2611 2612 ... 2637 2638 2639]\n  [2640 2641 2642 ... 2667 2668 2669]\n  [2670 2671 2672 ... 2697 2698 2699]]\n\n [[2700 2701 2702 ... 2727 2728 2729]\n  [2730 2731 2732 ... 2757 2758 2759]\n  [2760 2761 2762 ... 2787 2788 2789]\n  ...\n  [2910 2911 2912 ... 2937 2938 2939]\n  [2940 2941 2942 ... 2967 2968 2969]\n  [2970 2971 2972 ... 2997 2998 2999]]]",
              repr: "array([[[   0,    1,    2, ...,   27,   28,   29],\n        [  30,   31,   32, ...,   57,   58,   59],\n        [  60,   61,   62, ...,   87,   88,   89],\n        ...,\n        [ 210,  211,  212, ...,  237,  238,  239],\n        [ 240,  241,  242, ...,  267,  268,  269],\n        [ 270,  271,  272, ...,  297,  298,  299]],\n\n       [[ 300,  301,  302, ...,  327,  328,  329],\n        [ 330,  331,  332, ...,  357,  358,  359],\n        [ 360,  361,  362, ...,  387,  388,  389],\n        ...,\n        [ 510,  511,  512, ...,  537,  538,  539],\n        [ 540,  541,  542, ...,  567,  568,  569],\n        [ 570,  571,  572, ...,  597,  598,  599]],\n\n       [[ 600,  601,  602, ...,  627,  628,  629],\n        [ 630,  631,  632, ...,  657,  658,  659],\n        [ 660,  661,  662, ...,  687,  688,  689],\n        ...,\n        [ 810,  811,  812, ...,  837,  838,  839],\n        [ 840,  841,  842, ...,  867,  868,  869],\n        [ 870,  871,  872, ...,  897,  898,  899]],\n\n       ...,\n\n       [[2100, 2101, 2102, ..., 2127, 2128, 2129],\n        [2130, 2131, 2132, ..., 2157, 2158, 2159],\n        [2160, 2161, 2162, ..., 2187, 2188, 2189],\n        ...,\n        [2310, 2311, 2312, ..., 2337, 2338, 2339],\n        [2340, 2341, 2342, ..., 2367, 2368, 2369],\n        [2370, 2371, 2372, ..., 2397, 2398, 2399]],\n\n       [[2400, 2401, 2402, ..., 2427, 2428, 2429],\n        [2430, 2431, 2432, ..., 2457, 2458, 2459],\n        [2460, 2461, 2462, ..., 2487, 2488, 2489],\n        ...,\n        [2610, 2611, 2612, ..., 2637, 2638, 2639],\n        [2640, 2641, 2642, ..., 2667, 2668, 2669],\n        [2670, 2671, 2672, ..., 2697, 2698, 2699]],\n\n       [[2700, 2701, 2702, ..., 2727, 2728, 2729],\n        [2730, 2731, 2732, ..., 2757, 2758, 2759],\n        [2760, 2761, 2762, ..., 2787, 2788, 2789],\n        ...,\n        [2910, 2911, 2912, ..., 2937, 2938, 2939],\n        [2940, 2941, 2942, ..., 2967, 2968, 2969],\n        [2970, 2971, 2972, ..., 2997, 2998, 2999]]], shape=(10, 10, 30))"),
    NumPyPrintCase("(np.arange(1200) / 7).astype(np.float32).reshape(30, 40)",
              NDArray((0..<1200).map { Float($0) / 7 }, shape: [30, 40]),
              str: "[[0.0000000e+00 1.4285715e-01 2.8571430e-01 ... 5.2857141e+00\n  5.4285712e+00 5.5714288e+00]\n [5.7142859e+00 5.8571429e+00 6.0000000e+00 ... 1.1000000e+01\n  1.1142858e+01 1.1285714e+01]\n [1.1428572e+01 1.1571428e+01 1.1714286e+01 ... 1.6714285e+01\n  1.6857143e+01 1.7000000e+01]\n ...\n [1.5428572e+02 1.5442857e+02 1.5457143e+02 ... 1.5957143e+02\n  1.5971428e+02 1.5985715e+02]\n [1.6000000e+02 1.6014285e+02 1.6028572e+02 ... 1.6528572e+02\n  1.6542857e+02 1.6557143e+02]\n [1.6571428e+02 1.6585715e+02 1.6600000e+02 ... 1.7100000e+02\n  1.7114285e+02 1.7128572e+02]]",
              repr: "array([[0.0000000e+00, 1.4285715e-01, 2.8571430e-01, ..., 5.2857141e+00,\n        5.4285712e+00, 5.5714288e+00],\n       [5.7142859e+00, 5.8571429e+00, 6.0000000e+00, ..., 1.1000000e+01,\n        1.1142858e+01, 1.1285714e+01],\n       [1.1428572e+01, 1.1571428e+01, 1.1714286e+01, ..., 1.6714285e+01,\n        1.6857143e+01, 1.7000000e+01],\n       ...,\n       [1.5428572e+02, 1.5442857e+02, 1.5457143e+02, ..., 1.5957143e+02,\n        1.5971428e+02, 1.5985715e+02],\n       [1.6000000e+02, 1.6014285e+02, 1.6028572e+02, ..., 1.6528572e+02,\n        1.6542857e+02, 1.6557143e+02],\n       [1.6571428e+02, 1.6585715e+02, 1.6600000e+02, ..., 1.7100000e+02,\n        1.7114285e+02, 1.7128572e+02]], shape=(30, 40), dtype=float32)"),
    NumPyPrintCase("np.array([[1., 2., 3.], [4., 5., 6.]]).T",
              NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3]).view(shape: [3, 2], strides: [1, 3], offset: 0),
              str: "[[1. 4.]\n [2. 5.]\n [3. 6.]]",
              repr: "array([[1., 4.],\n       [2., 5.],\n       [3., 6.]])"),
    NumPyPrintCase("np.array([[1., 2., 3.], [4., 5., 6.]])[:, 1]",
              NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3]).view(shape: [2], strides: [3], offset: 1),
              str: "[2. 5.]",
              repr: "array([2., 5.])"),
]

@Suite struct PrintingTests {
    @Test(arguments: printCases)
    func strMatchesNumPy(_ c: NumPyPrintCase) {
        #expect(c.array.strDescription == c.str)
    }

    @Test(arguments: printCases)
    func reprMatchesNumPy(_ c: NumPyPrintCase) {
        #expect(c.array.debugDescription == c.repr)
    }

    /// str() of 0-d arrays is the scalar's str(): full precision, and float32 switches to
    /// scientific notation from 1e6 where float64 waits until 1e16.
    @Test(arguments: [
    ("np.float32(1e8)", NDArray(Float(1e8)), "1e+08"),
    ("np.float32(999999.94)", NDArray(Float(999999.94)), "999999.94"),
    ("np.float32(1e-4)", NDArray(Float(1e-4)), "1e-04"),
    ("np.float32(0.1)", NDArray(Float(0.1)), "0.1"),
    ("np.float32(1.5e-7)", NDArray(Float(1.5e-7)), "1.5e-07"),
    ("np.float32(123456.7)", NDArray(Float(123456.7)), "123456.7"),
    ("np.float64(1e16)", NDArray(1e16), "1e+16"),
    ("np.float64(1e15)", NDArray(1e15), "1000000000000000.0"),
    ("np.float64(1e-5)", NDArray(1e-5), "1e-05"),
    ("np.float64(1e-4)", NDArray(1e-4), "0.0001"),
    ("np.float64(-0.0)", NDArray(-0.0), "-0.0"),
    ("np.float64(nan)", NDArray(Double.nan), "nan"),
    ("np.float64(-inf)", NDArray(-Double.infinity), "-inf"),
    ("np.float64(123456789012345678.)", NDArray(123456789012345678.0), "1.2345678901234568e+17"),
    ("np.float64(5e-324)", NDArray(Double.leastNonzeroMagnitude), "5e-324"),
    ("np.float64(1.0)", NDArray(1.0), "1.0"),
    ("np.float64(-1e-5)", NDArray(-1e-5), "-1e-05"),
    ("np.float64(0.1 + 0.2)", NDArray(0.30000000000000004), "0.30000000000000004"),
    ] as [(String, NDArray, String)])
    func scalarStrMatchesNumPy(_ numpy: String, _ x: NDArray, _ expected: String) {
        #expect(x.strDescription == expected, "\(numpy)")
    }

    @Test func printAndInterpolationUseRepr() {
        let x = NDArray([1, 2, 3] as [Double])
        #expect("\(x)" == "array([1., 2., 3.])")
        var out = ""
        debugPrint(x, terminator: "", to: &out)
        #expect(out == "array([1., 2., 3.])")
    }

    /// The book's Step 7 value prints in full as a 0-d float64 array.
    @Test func stepSevenGradientPrintsAtFullPrecision() {
        #expect(NDArray(3.297442541400256).strDescription == "3.297442541400256")
    }
}
