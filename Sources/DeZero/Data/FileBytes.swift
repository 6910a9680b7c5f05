#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole regular file into memory with one allocation of exactly the file's size.
///
/// Data files are read whole (MNIST's largest is 47 MB raw, 9.6 MB gzip), so there is no
/// point in streaming; POSIX calls avoid the extra copy `Data` → `[UInt8]` would make.
func readFileBytes(atPath path: String) throws(DatasetError) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    if fd < 0 {
        let err = errno
        if err == ENOENT { throw .missingFile(path: path, alsoTried: []) }
        throw .unreadable(path: path, reason: String(cString: strerror(err)))
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
        throw .unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
        throw .unreadable(path: path, reason: "not a regular file")
    }
    let size = Int(info.st_size)
    var failure: Int32 = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
        var done = 0
        while done < size {
            let n = read(fd, buffer.baseAddress! + done, size - done)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { failure = errno; break }
            if n == 0 { break }  // the file shrank since fstat
            done += n
        }
        initialized = done
    }
    if failure != 0 { throw .unreadable(path: path, reason: String(cString: strerror(failure))) }
    return bytes
}
