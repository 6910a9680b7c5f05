// One `import DeZero` gives the arrays too.
@_exported import DeZeroArray
