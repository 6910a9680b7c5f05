// Step 24: optimization benchmark functions, written as the book writes them. The
// Goldstein-Price function type-checks as one expression (the framework keeps the overload
// set of its operators small enough for that; Tests/DeZeroTests/Compile checks it).
import DeZero

func sphere(_ x: Variable, _ y: Variable) -> Variable {
    let z = x ** 2 + y ** 2
    return z
}

func matyas(_ x: Variable, _ y: Variable) -> Variable {
    let z = 0.26 * (x ** 2 + y ** 2) - 0.48 * x * y
    return z
}

func goldstein(_ x: Variable, _ y: Variable) -> Variable {
    let z = (1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x ** 2 - 14 * y + 6 * x * y + 3 * y ** 2)) *
        (30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x ** 2 + 48 * y - 36 * x * y + 27 * y ** 2))
    return z
}

let x = Variable(1.0)
let y = Variable(1.0)
let z = goldstein(x, y)  // sphere(x, y) / matyas(x, y)
z.backward()
print(x.grad!, y.grad!)
