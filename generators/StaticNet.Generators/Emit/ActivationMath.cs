using StaticNet.Generators.Model;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// Each activation as the generated code writes it: the forward expression a = f(z), the
    /// derivative f'(z) expressed through a (so backprop needs only the stored activations), and the
    /// one-line math comments that go with them. Softmax is a whole-layer function and is written by
    /// the forward and loss emitters instead.
    /// </summary>
    internal static class ActivationMath
    {
        private const string NetMath = "global::StaticNet.NetMath";

        /// <summary>The expression for a = f(z), given the name of z.</summary>
        public static string Forward(LayerSpec layer, string z) => layer.Activation switch
        {
            ActivationKind.Identity => z,
            ActivationKind.Sigmoid => NetMath + ".Sigmoid(" + z + ")",
            ActivationKind.Tanh => NetMath + ".Tanh(" + z + ")",
            ActivationKind.ReLU => z + " > 0f ? " + z + " : 0f",
            ActivationKind.LeakyReLU => z + " > 0f ? " + z + " : " + NetworkLayout.FloatLiteral(layer.Alpha) + " * " + z,
            ActivationKind.ELU => z + " > 0f ? " + z + " : " + Scaled(layer.Alpha, "(" + NetMath + ".Exp(" + z + ") - 1f)"),
            _ => throw new System.ArgumentOutOfRangeException(nameof(layer), layer.Activation, "Softmax is emitted per layer, not per neuron."),
        };

        /// <summary>
        /// The runtime's vectorised in-place function for f over a whole row: for the transcendental activations
        /// (sigmoid, tanh), and for ReLU, whose per-neuron select is a branch that real data mispredicts; null when
        /// f is applied per neuron.
        /// </summary>
        public static string? VectorFunction(LayerSpec layer) => layer.Activation switch
        {
            ActivationKind.Sigmoid => "global::StaticNet.VectorMath.Sigmoid",
            ActivationKind.Tanh => "global::StaticNet.VectorMath.Tanh",
            ActivationKind.ReLU => "global::StaticNet.VectorMath.Relu",
            _ => null,
        };

        /// <summary>The math of f, for the layer's section comment.</summary>
        public static string ForwardMath(LayerSpec layer) => layer.Activation switch
        {
            ActivationKind.Identity => "a = z",
            ActivationKind.Sigmoid => "a = σ(z) = 1 / (1 + e^−z)",
            ActivationKind.Tanh => "a = tanh(z)",
            ActivationKind.ReLU => "a = max(0, z)",
            ActivationKind.LeakyReLU => "a = z if z > 0, else " + NetworkLayout.Float(layer.Alpha) + "·z",
            ActivationKind.ELU => "a = z if z > 0, else " + AlphaTimes(layer.Alpha) + "(e^z − 1)",
            ActivationKind.Softmax => "a = softmax(z), a_k = e^(z_k − max z) / Σ_j e^(z_j − max z)",
            _ => "",
        };

        /// <summary>
        /// The expression for f'(z) written with a = f(z), or null when f' = 1 (identity: nothing to multiply).
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
            _ => throw new System.ArgumentOutOfRangeException(nameof(layer), layer.Activation, "Softmax's Jacobian is emitted by the loss emitter."),
        };

        /// <summary>
        /// <see cref="Derivative"/> for a Vector&lt;float&gt; of activations <paramref name="a"/>, the same arithmetic lane by
        /// lane (so a vector and the scalar tail give the same bits), or null for the identity.
        /// </summary>
        public static string? VectorDerivative(LayerSpec layer, string a)
        {
            const string V = "global::System.Numerics.Vector<float>", Ops = "global::System.Numerics.Vector";
            string Positive(string otherwise) => Ops + ".ConditionalSelect(" + Ops + ".GreaterThan(" + a + ", " + V + ".Zero), " + V + ".One, " + otherwise + ")";
            return layer.Activation switch
            {
                ActivationKind.Identity => null,
                ActivationKind.Sigmoid => a + " * (" + V + ".One - " + a + ")",
                ActivationKind.Tanh => "(" + V + ".One - " + a + " * " + a + ")",
                ActivationKind.ReLU => Positive(V + ".Zero"),
                ActivationKind.LeakyReLU => Positive("new " + V + "(" + NetworkLayout.FloatLiteral(layer.Alpha) + ")"),
                ActivationKind.ELU => Positive(a + " + new " + V + "(" + NetworkLayout.FloatLiteral(layer.Alpha) + ")"),
                _ => throw new System.ArgumentOutOfRangeException(nameof(layer), layer.Activation, "Softmax's Jacobian is emitted by the loss emitter."),
            };
        }

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

        private static string Scaled(float alpha, string expression)
            => alpha == 1f ? expression : NetworkLayout.FloatLiteral(alpha) + " * " + expression;

        private static string AlphaTimes(float alpha) => alpha == 1f ? "" : NetworkLayout.Float(alpha) + "·";
    }
}
