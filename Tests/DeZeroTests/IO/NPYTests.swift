import Foundation
import Testing
@testable import DeZero

/// Builds .npy bytes by hand: magic, version, little-endian header length, the header text
/// (as given, not padded) and the data.
func npyBytes(header: String, data: [UInt8], version: UInt8 = 1) -> [UInt8] {
    var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
    let n = header.utf8.count
    out += version == 1 ? [UInt8(n & 0xFF), UInt8(n >> 8)] : [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)]
    return out + Array(header.utf8) + data
}

/// The little-endian bytes of a value.
func littleEndianBytes<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
func bigEndianBytes<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }

@Suite("npy arrays")
struct NPYTests {
    static let arrays: [(name: String, value: NDArray)] = [
        ("float32", NDArray([1.5, -2, 3.25, 4, 5, 6] as [Float], shape: [2, 3])),
        ("float64", NDArray([0.1, -0.2, 1e300] as [Double], shape: [3])),
        ("int64", NDArray([7, -1, Int(Int64.max), Int(Int64.min)], shape: [2, 1, 2])),
        ("bool", NDArray([true, false, true], shape: [3])),
        ("0-d", NDArray(2.5)),
        ("0-d int", NDArray(-3)),
        ("empty", NDArray([] as [Float], shape: [0, 4])),
        ("empty 1-d", NDArray([] as [Bool], shape: [0])),
        ("transposed view", NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [2, 3]).T),
    ]

    @Test("the header is NumPy's dict, padded so the data starts 64-byte aligned")
    func headerLayout() throws {
        let bytes = NPY.encode(NDArray([1.5, -2, 3.25, 4, 5, 6] as [Float], shape: [2, 3]))
        #expect(bytes.prefix(8) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        // 10 prefix bytes + 59 characters of dict + newline = 70, rounded up to 128.
        #expect(headerLength == 118)
        let header = String(decoding: bytes[10 ..< 10 + headerLength], as: UTF8.self)
        let dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
        #expect(header == dict + String(repeating: " ", count: 118 - 60) + "\n")
        #expect(bytes.count == 128 + 24)
        // 1.5f is 0x3FC00000, stored little-endian.
        #expect(Array(bytes[128 ..< 132]) == [0x00, 0x00, 0xC0, 0x3F])
    }

    @Test("shapes print as Python tuples: (), (5,), (2, 3)")
    func shapeTuples() {
        func header(_ a: NDArray) -> String {
            let b = NPY.encode(a)
            return String(decoding: b[10 ..< 10 + (Int(b[8]) | Int(b[9]) << 8)], as: UTF8.self)
        }
        #expect(header(NDArray(true)).hasPrefix("{'descr': '|b1', 'fortran_order': False, 'shape': (), }"))
        #expect(header(NDArray([1, 2, 3, 4, 5], shape: [5])).hasPrefix("{'descr': '<i8', 'fortran_order': False, 'shape': (5,), }"))
        #expect(header(NDArray([1.0], shape: [1, 1])).hasPrefix("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), }"))
    }

    @Test("encode then decode gives the same array", arguments: NPYTests.arrays.indices)
    func roundTrip(index: Int) throws {
        let (name, value) = Self.arrays[index]
        let decoded = try NPY.decode(NPY.encode(value), path: "x.npy")
        #expect(decoded == value, "\(name)")
        #expect(decoded.shape == value.shape)
        #expect(decoded.isContiguous)
    }

    @Test("write and read a .npy file")
    func fileRoundTrip() throws {
        let url = try temporaryDirectory().appendingPathComponent("x.npy")
        let x = NDArray([1, 2, 3, 4] as [Float], shape: [2, 2])
        try NPY.write(x, to: url)
        #expect(try NPY.read(from: url) == x)
    }

    @Test("big-endian floats are byte-swapped; small integers widen to int64")
    func otherStoredTypes() throws {
        let f4 = npyBytes(header: "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }",
                          data: bigEndianBytes(Float(1.5).bitPattern) + bigEndianBytes(Float(-2).bitPattern))
        #expect(try NPY.decode(f4, path: "f") == NDArray([1.5, -2] as [Float], shape: [2]))
        let f8 = npyBytes(header: "{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", data: bigEndianBytes(Double(0.1).bitPattern))
        #expect(try NPY.decode(f8, path: "f") == NDArray([0.1] as [Double], shape: [1]))
        let i8 = npyBytes(header: "{'descr': '>i8', 'fortran_order': False, 'shape': (), }", data: bigEndianBytes(Int64(-5)))
        #expect(try NPY.decode(i8, path: "f") == NDArray(-5))
        let i4 = npyBytes(header: "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }",
                          data: littleEndianBytes(Int32(-1)) + littleEndianBytes(Int32(2)) + littleEndianBytes(Int32.max))
        #expect(try NPY.decode(i4, path: "f") == NDArray([-1, 2, Int(Int32.max)], shape: [3]))
        let u1 = npyBytes(header: "{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", data: [0, 200, 255])
        #expect(try NPY.decode(u1, path: "f") == NDArray([0, 200, 255], shape: [3]))
        let i1 = npyBytes(header: "{'descr': '|i1', 'fortran_order': False, 'shape': (2,), }", data: [0xFF, 0x80])
        #expect(try NPY.decode(i1, path: "f") == NDArray([-1, -128], shape: [2]))
        let u2 = npyBytes(header: "{'descr': '>u2', 'fortran_order': False, 'shape': (1,), }", data: [0x12, 0x34])
        #expect(try NPY.decode(u2, path: "f") == NDArray([0x1234], shape: [1]))
    }

    @Test("a bool byte other than 0 or 1 reads as true, as in NumPy")
    func boolBytes() throws {
        let b = npyBytes(header: "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", data: [0, 2, 255])
        let x = try NPY.decode(b, path: "f")
        #expect(x == NDArray([false, true, true], shape: [3]))
        #expect(x.scalars(as: Bool.self) == [false, true, true])
    }

    @Test("a Fortran-order array is read into C order")
    func fortranOrder() throws {
        // Column-major [[1, 2, 3], [4, 5, 6]] stores 1 4 2 5 3 6.
        let data = [1, 4, 2, 5, 3, 6].flatMap { littleEndianBytes(Int64($0)) }
        let b = npyBytes(header: "{'descr': '<i8', 'fortran_order': True, 'shape': (2, 3), }", data: data)
        let x = try NPY.decode(b, path: "f")
        #expect(x == NDArray([[1, 2, 3], [4, 5, 6]]))
        #expect(x.isContiguous)
    }

    @Test("version 2.0 and 3.0 headers, with a 4-byte header length")
    func laterVersions() throws {
        for version: UInt8 in [2, 3] {
            let b = npyBytes(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }\n", data: littleEndianBytes(Double(2).bitPattern), version: version)
            #expect(try NPY.decode(b, path: "f") == NDArray([2.0], shape: [1]))
        }
    }

    @Test("headers NumPy's literal_eval accepts: any key order, double quotes, Python 2 longs, no trailing comma")
    func headerVariants() throws {
        let cases: [(String, NPYHeader)] = [
            ("{'shape': (2, 3), 'fortran_order': False, 'descr': '<f4'}", NPYHeader(descr: "<f4", fortranOrder: false, shape: [2, 3])),
            ("{\"descr\": \"<f8\", \"fortran_order\": True, \"shape\": (4,)}  \n", NPYHeader(descr: "<f8", fortranOrder: true, shape: [4])),
            ("{'descr':'<i8','fortran_order':False,'shape':(2L, 3L),}", NPYHeader(descr: "<i8", fortranOrder: false, shape: [2, 3])),
            ("{'descr': '|b1', 'fortran_order': False, 'shape': (), }", NPYHeader(descr: "|b1", fortranOrder: false, shape: [])),
            ("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", NPYHeader(descr: "[('a', '<f4')]", fortranOrder: false, shape: [1])),
        ]
        for (text, expected) in cases {
            #expect(try NPYHeader.parse(Array(text.utf8)) == expected, "\(text)")
        }
    }

    @Test("malformed headers are refused with a reason", arguments: [
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (3), }", "not a tuple"),          // (3) is the int 3
        ("{'descr': '<f4', 'fortran_order': False}", "lacks"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), 'extra': 1}", "unexpected key"),
        ("{'descr': '<f4', 'descr': '<f8', 'fortran_order': False, 'shape': (3,)}", "repeats"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", "non-negative"),
        ("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }", "True or False"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), } x", "after the dictionary"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)", "ends"),
        ("{'descr': '<f4, 'fortran_order': False, 'shape': (1,)}", "valid dictionary"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}", "too large"),
        ("{'descr': " + String(repeating: "(", count: 100) + "}", "nests too deeply"),
        ("__import__('os').system('true')", "valid dictionary"),
    ])
    func badHeaders(text: String, fragment: String) {
        do {
            _ = try NPYHeader.parse(Array(text.utf8))
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.reason.contains(fragment), "\(error.reason)")
        }
    }

    @Test("wrong magic, truncation and sizes that disagree with the data are typed errors")
    func corruptBytes() throws {
        let good = NPY.encode(NDArray([1, 2, 3] as [Float], shape: [3]))
        #expect(throws: WeightFileError.badHeader(path: "x.npy", reason: "not a .npy array: it does not start with the magic string \\x93NUMPY")) {
            try NPY.decode([0x50, 0x4B] + good.dropFirst(2), path: "x.npy")
        }
        #expect(throws: WeightFileError.truncated(path: "x.npy", needed: 10, available: 4)) { try NPY.decode(Array(good.prefix(4)), path: "x.npy") }
        // The header of shape (3,) is 57 characters; with prefix and newline, padded to 128 bytes.
        #expect(good.count == 128 + 12)
        // Cut inside the header: needs the 10 prefix bytes plus the whole header.
        #expect(throws: WeightFileError.truncated(path: "x.npy", needed: 128, available: 40)) { try NPY.decode(Array(good.prefix(40)), path: "x.npy") }
        // Cut inside the data: 128 + 12 bytes are needed.
        #expect(throws: WeightFileError.truncated(path: "x.npy", needed: 140, available: 139)) { try NPY.decode(Array(good.dropLast()), path: "x.npy") }
        // A shape larger than the data, and one smaller.
        let big = npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000, 1000000000), }", data: [0, 0, 0, 0])
        #expect(throws: WeightFileError.self) { try NPY.decode(big, path: "x.npy") }
        let huge = npyBytes(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }", data: [])
        #expect(throws: WeightFileError.badHeader(path: "x.npy", reason: "shape (4611686018427387904, 4) is too large")) { try NPY.decode(huge, path: "x.npy") }
        #expect(throws: WeightFileError.badHeader(path: "x.npy", reason: "shape (1,) of <f4 needs 4 bytes of data, there are 8")) {
            try NPY.decode(npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", data: [0, 0, 0, 0, 0, 0, 0, 0]), path: "x.npy")
        }
        // A header length pointing past the end.
        var lying = good
        lying[8] = 0xFF; lying[9] = 0x7F
        #expect(throws: WeightFileError.truncated(path: "x.npy", needed: 10 + 0x7FFF, available: good.count)) { try NPY.decode(lying, path: "x.npy") }
        var version = good
        version[6] = 4
        #expect(throws: WeightFileError.badHeader(path: "x.npy", reason: ".npy format version 4.0 is not supported (1.0, 2.0 and 3.0 are)")) {
            try NPY.decode(version, path: "x.npy")
        }
    }

    @Test("unsupported dtype strings name the dtype", arguments: ["<c8", "<U5", "|O", "<u8", "<f2", "f4", "|f4", "?f4", "<f4x", "[('a', '<f4')]"])
    func unsupportedDTypes(descr: String) {
        let quoted = descr.hasPrefix("[") ? descr : "'\(descr)'"
        let bytes = npyBytes(header: "{'descr': \(quoted), 'fortran_order': False, 'shape': (0,), }", data: [])
        #expect(throws: WeightFileError.unsupportedDType(path: "dir/x.npy", key: "x.npy", dtype: descr)) {
            try NPY.decode(bytes, path: "dir/x.npy")
        }
    }
}
