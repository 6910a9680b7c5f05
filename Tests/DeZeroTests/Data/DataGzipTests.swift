import Testing
@testable import DeZero

@Suite struct DataGzipTests {
    typealias S = DataTestSupport

    @Test func storedBlocksDecompressToTheirBytes() throws {
        let data = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 3) }  // 4 stored blocks
        #expect(try Gzip.decompress(S.gzipStored(data), maxOutputBytes: 1 << 20) == data)
        #expect(try Gzip.decompress(S.gzipStored([]), maxOutputBytes: 10) == [])
    }

    @Test func concatenatedMembersAreJoinedAsGunzipDoes() throws {
        let joined = S.gzipStored([1, 2, 3]) + S.gzipStored([4, 5])
        #expect(try Gzip.decompress(joined, maxOutputBytes: 100) == [1, 2, 3, 4, 5])
    }

    @Test func realCompressedFileInflatesToItsDocumentedSize() throws {
        // digits8x8 README: train-labels-idx1-ubyte decompresses to 1,508 bytes, header 00 00 08 01.
        let out = try Gzip.decompress(PackageResources.train_labels_idx1_ubyte_gz, maxOutputBytes: 1 << 20)
        #expect(out.count == 1508)
        #expect(Array(out[0..<8]) == [0, 0, 8, 1, 0, 0, 0x05, 0xdc])  // 1500 labels
    }

    @Test func outputCapIsEnforcedBeforeGrowingPastIt() {
        let data = [UInt8](repeating: 7, count: 1000)
        #expect(throws: GzipError.outputLimitExceeded(limit: 999)) {
            try Gzip.decompress(S.gzipStored(data), maxOutputBytes: 999)
        }
        #expect((try? Gzip.decompress(S.gzipStored(data), maxOutputBytes: 1000)) == data)
    }

    @Test func damagedChecksumIsCorrupt() throws {
        var gz = S.gzipStored([10, 20, 30])
        gz[gz.count - 8] ^= 0xff  // first CRC byte
        let error = #expect(throws: GzipError.self) { try Gzip.decompress(gz, maxOutputBytes: 100) }
        guard case .corrupt(let reason)? = error else { Issue.record("expected .corrupt, got \(String(describing: error))"); return }
        #expect(reason.contains("check"))  // zlib: "incorrect data check"
    }

    @Test func forgedSizeTrailerIsCorruptAndNotTrusted() {
        var gz = S.gzipStored([1, 2, 3])
        for i in gz.count - 4..<gz.count { gz[i] = 0xff }  // ISIZE claims 4 GiB
        // The first capacity is capped by deflate's ratio (here 21 × 1032 bytes), not 4 GiB.
        #expect(throws: GzipError.corrupt(reason: "incorrect length check")) {
            try Gzip.decompress(gz, maxOutputBytes: .max)
        }
    }

    @Test func invalidBlockTypeIsCorrupt() {
        var gz = S.gzipStored([1, 2, 3])
        gz[10] = 0b111  // BFINAL 1, BTYPE 11: reserved, invalid
        #expect(throws: GzipError.corrupt(reason: "invalid block type")) { try Gzip.decompress(gz, maxOutputBytes: 100) }
    }

    @Test func cutStreamIsTruncated() {
        let gz = S.gzipStored([UInt8](repeating: 1, count: 100))
        // 10-byte header + 5-byte block header + 40 of the 100 data bytes.
        #expect(throws: GzipError.truncated(decompressedBytes: 40)) {
            try Gzip.decompress(Array(gz[0..<55]), maxOutputBytes: 1000)
        }
        #expect(throws: GzipError.truncated(decompressedBytes: 0)) { try Gzip.decompress([], maxOutputBytes: 10) }
    }

    @Test func recognisesTheMagicNumber() {
        #expect(Gzip.isGzip([0x1f, 0x8b, 8]))
        #expect(!Gzip.isGzip([0, 0, 8, 3]))
        #expect(!Gzip.isGzip([0x1f]))
    }
}
