/// Stops the program with a message that names the operation and what was wrong.
///
/// Programmer errors in tensor code (shape, dtype or axis mistakes) end here. `precondition`
/// drops its message in `-O` builds, so every such check goes through this function, which is
/// built on `fatalError` and keeps the message in release builds too (docs/DESIGN.md §5).
@inline(never) @usableFromInline
package func dezeroFailure(_ message: @autoclosure () -> String,
                          file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError(message(), file: file, line: line)
}

/// Checks a condition of tensor code; on failure stops with `message` (kept in release builds).
@inlinable
package func dezeroCheck(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                        file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { dezeroFailure(message(), file: file, line: line) }
}

/// Formats a shape the way NumPy prints it: `(2, 3)`, `(5,)`, `()`.
public func shapeDescription(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}
