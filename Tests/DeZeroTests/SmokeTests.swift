import Testing
import DeZero

@Test func step7() {
    let x = Variable(0.5)
    let y = square(exp(square(x)))
    y.backward()
    #expect(x.grad!.item() == 3.297442541400256)
}
