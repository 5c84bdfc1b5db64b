using System;

namespace StaticNet
{
    /// <summary>
    /// Marks a <c>partial class</c> as a neural network. StaticNet's source generator reads this
    /// attribute with the class's <see cref="InputAttribute"/> and <see cref="DenseAttribute"/>s
    /// (layers in source order) and writes the network's forward pass, backpropagation and
    /// parameter update into the class at compile time.
    /// </summary>
    /// <example>
    /// <code>
    /// [Network(Loss = Loss.CrossEntropy)]
    /// [Input(64)]
    /// [Dense(32, Activation.ReLU)]
    /// [Dense(10, Activation.Softmax)]
    /// public partial class DigitsNet { }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class NetworkAttribute : Attribute
    {
        /// <summary>The loss the network is trained to minimise. Default: mean squared error.</summary>
        public Loss Loss { get; set; } = Loss.MeanSquaredError;

        /// <summary>
        /// How weights are drawn for every layer that does not choose its own. Default: He-uniform for
        /// ReLU-family layers, Glorot-uniform for the others.
        /// </summary>
        public Initialization Initialization { get; set; } = Initialization.Default;

        /// <summary>
        /// Explain mode: the generated members are written as plain scalar C#, every neuron, weight and gradient a named
        /// local (<c>z1_0</c>, <c>a1_0</c>, <c>delta2_0</c>, <c>w2_0_1</c>) and every step of the algorithm a commented
        /// section, for reading and for stepping through in a debugger. The results equal the fast code's within float
        /// rounding, and every member works (Train included); it is slower, and only for networks of up to 512 parameters
        /// without dropout (SN0022, SN0023).
        /// </summary>
        public bool Explain { get; set; }

        /// <summary>
        /// Baked weights: the path of a .snet file (what <c>Save</c> writes) that the project lists as an
        /// <c>&lt;AdditionalFiles Include="…" /&gt;</c> item. The generator checks it against this declaration at compile time
        /// (SN0031 missing, SN0032 damaged, SN0033 another architecture) and writes its parameters into the assembly as
        /// read-only data; the parameterless constructor starts from them, with no file, I/O or reflection at run time.
        /// The path matches an additional file whose full path ends with it (separators / or \). Default: none.
        /// </summary>
        public string? Weights { get; set; }
    }
}
