namespace StaticNet
{
    /// <summary>The function a <see cref="DenseAttribute"/> layer applies to each weighted sum z.</summary>
    public enum Activation
    {
        /// <summary>a = z. Derivative 1.</summary>
        Identity = 0,

        /// <summary>a = 1 / (1 + e^−z). Derivative a(1 − a).</summary>
        Sigmoid = 1,

        /// <summary>a = tanh z. Derivative 1 − a².</summary>
        Tanh = 2,

        /// <summary>a = max(0, z). Derivative 1 for z &gt; 0, else 0.</summary>
        ReLU = 3,

        /// <summary>a = z for z &gt; 0, else α·z (α = <see cref="DenseAttribute.Alpha"/>, default 0.01).</summary>
        LeakyReLU = 4,

        /// <summary>a = z for z &gt; 0, else α·(e^z − 1) (α = <see cref="DenseAttribute.Alpha"/>, default 1).</summary>
        ELU = 5,

        /// <summary>a_k = e^{z_k} / Σ_j e^{z_j}, over the whole layer. Only valid on the output layer.</summary>
        Softmax = 6,
    }
}
