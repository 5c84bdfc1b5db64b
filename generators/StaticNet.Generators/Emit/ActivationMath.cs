using StaticNet.Generators.Model;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// Each activation as the generated code writes it: the library call that applies it to a batch's rows (and the one
    /// that multiplies δ by its derivative), the scalar forms the straight-line code of tiny networks uses, and the
    /// one-line math comments that go with them. f' is written through a = f(z), so backprop needs only the stored
    /// activations.
    /// </summary>
    internal static class ActivationMath
    {
        /// <summary>The library's name for the activation's row operations (SN::Kernels.Activations.X, Derivatives.X).</summary>
        public static string KernelName(LayerSpec layer) => layer.Activation switch
        {
            ActivationKind.ReLU => "ReLU",
            ActivationKind.LeakyReLU => "LeakyReLU",
            ActivationKind.ELU => "ELU",
            _ => layer.Activation.ToString(),
        };

        /// <summary>", 0.1f" for the activations with a parameter α, "" for the others.</summary>
        public static string AlphaArgument(LayerSpec layer)
            => layer.Activation is ActivationKind.LeakyReLU or ActivationKind.ELU ? ", " + NetworkLayout.FloatLiteral(layer.Alpha) : "";

        /// <summary>The expression for a = f(z) on one neuron, given the expression z (tiny networks' straight-line code).</summary>
        public static string Forward(LayerSpec layer, string z) => layer.Activation switch
        {
            ActivationKind.Identity => z,
            ActivationKind.Sigmoid => Code.NetMath + ".Sigmoid(" + z + ")",
            ActivationKind.Tanh => Code.NetMath + ".Tanh(" + z + ")",
            // The piecewise ones need z twice: a tiny helper takes it once rather than repeating the sum.
            ActivationKind.ReLU => Code.NetMath + ".ReLU(" + z + ")",
            ActivationKind.LeakyReLU => Code.NetMath + ".LeakyReLU(" + z + ", " + NetworkLayout.FloatLiteral(layer.Alpha) + ")",
            ActivationKind.ELU => Code.NetMath + ".Elu(" + z + ", " + NetworkLayout.FloatLiteral(layer.Alpha) + ")",
            _ => throw new System.ArgumentOutOfRangeException(nameof(layer), layer.Activation, "Softmax is a whole-layer function."),
        };

        /// <summary>The math of f for a comment, with the names of a and z: "a1 = max(0, z1)".</summary>
        public static string ForwardMath(LayerSpec layer, string a = "a", string z = "z") => layer.Activation switch
        {
            ActivationKind.Identity => a + " = " + z,
            ActivationKind.Sigmoid => a + " = σ(" + z + ") = 1 / (1 + e^−" + z + ")",
            ActivationKind.Tanh => a + " = tanh(" + z + ")",
            ActivationKind.ReLU => a + " = max(0, " + z + ")",
            ActivationKind.LeakyReLU => a + " = " + z + " if " + z + " > 0, else " + NetworkLayout.Float(layer.Alpha) + "·" + z,
            ActivationKind.ELU => a + " = " + z + " if " + z + " > 0, else " + AlphaTimes(layer.Alpha) + "(e^" + z + " − 1)",
            ActivationKind.Softmax => a + " = softmax(" + z + "), a_k = e^(z_k − max z) / Σ_j e^(z_j − max z)",
            _ => "",
        };

        /// <summary>
        /// The expression for f'(z) written with a = f(z) for one neuron, or null when f' = 1 (identity: nothing to multiply).
        /// Valid because every activation here is monotonic with sign(a) = sign(z) (α ≥ 0 is enforced).
        /// </summary>
        public static string? Derivative(LayerSpec layer, string a) => layer.Activation switch
        {
            ActivationKind.Identity => null,
            ActivationKind.Sigmoid => a + " * (1f - " + a + ")",
            ActivationKind.Tanh => "1f - " + a + " * " + a,
            ActivationKind.ReLU => "(" + a + " > 0f ? 1f : 0f)",
            ActivationKind.LeakyReLU => "(" + a + " > 0f ? 1f : " + NetworkLayout.FloatLiteral(layer.Alpha) + ")",
            ActivationKind.ELU => "(" + a + " > 0f ? 1f : " + a + " + " + NetworkLayout.FloatLiteral(layer.Alpha) + ")",
            _ => throw new System.ArgumentOutOfRangeException(nameof(layer), layer.Activation, "Softmax's Jacobian is written by the loss emitter."),
        };

        /// <summary>The math of f' in terms of the activation named <paramref name="a"/>, for comments: "σ'(z) = a(1 − a)".</summary>
        public static string DerivativeMath(LayerSpec layer, string a = "a") => layer.Activation switch
        {
            ActivationKind.Identity => "f'(z) = 1",
            ActivationKind.Sigmoid => "σ'(z) = " + a + "(1 − " + a + ")",
            ActivationKind.Tanh => "tanh'(z) = 1 − " + a + "²",
            ActivationKind.ReLU => "relu'(z) = 1 if z > 0, else 0",
            ActivationKind.LeakyReLU => "f'(z) = 1 if z > 0, else " + NetworkLayout.Float(layer.Alpha),
            ActivationKind.ELU => "elu'(z) = 1 if z > 0, else " + a + " + " + NetworkLayout.Float(layer.Alpha),
            ActivationKind.Softmax => "∂" + a + "_k/∂z_j = " + a + "_k(1[k = j] − " + a + "_j)",
            _ => "",
        };

        /// <summary>The short name used in δ formulas: "σ'", "tanh'", "relu'", "f'".</summary>
        public static string DerivativeName(LayerSpec layer) => layer.Activation switch
        {
            ActivationKind.Sigmoid => "σ'",
            ActivationKind.Tanh => "tanh'",
            ActivationKind.ReLU => "relu'",
            ActivationKind.ELU => "elu'",
            _ => "f'",
        };

        /// <summary>Wraps an expression in parentheses unless it already starts with one (all ours that do are fully wrapped).</summary>
        public static string Parenthesize(string expression) => expression.StartsWith("(") ? expression : "(" + expression + ")";

        private static string AlphaTimes(float alpha) => alpha == 1f ? "" : NetworkLayout.Float(alpha) + "·";
    }
}
