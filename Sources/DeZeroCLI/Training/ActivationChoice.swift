import DeZero

/// The activations of the hidden layers (`--activation`).
enum ActivationChoice: String, SettingChoice {
    case relu, sigmoid, tanh

    /// The function itself.
    var function: (Variable) -> Variable {
        switch self {
        case .relu: DeZero.relu
        case .sigmoid: DeZero.sigmoid
        case .tanh: DeZero.tanh
        }
    }
}
