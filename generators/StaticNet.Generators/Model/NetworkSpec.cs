namespace StaticNet.Generators.Model
{
    /// <summary>
    /// Everything the emitter needs to know about one declared network, as plain equatable data
    /// (no symbols, syntax or compilation), so unchanged declarations keep their output cached.
    /// </summary>
    /// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
    /// <param name="ContainingTypes">Types the network is nested in, outermost first.</param>
    /// <param name="Type">The network class itself.</param>
    /// <param name="InputSize">Number of inputs.</param>
    /// <param name="Layers">Dense layers in order; the last is the output layer.</param>
    /// <param name="Loss">The loss the network minimises.</param>
    /// <param name="Explain">Explain mode: every member written as plain scalar code with named locals.</param>
    /// <param name="Weights">The .snet file whose parameters are baked in (NetworkAttribute.Weights), or null.</param>
    internal sealed record NetworkSpec(
        string? Namespace,
        EquatableArray<TypeDeclarationSpec> ContainingTypes,
        TypeDeclarationSpec Type,
        int InputSize,
        EquatableArray<LayerSpec> Layers,
        LossKind Loss,
        bool Explain = false,
        string? Weights = null)
    {
        /// <summary>The most parameters explain mode writes out one by one (SN0022).</summary>
        public const int MaxExplainedParameters = 512;

        /// <summary>Weights and biases in all layers (a long: a declaration may ask for more than an array can hold).</summary>
        public long ParameterCount
        {
            get
            {
                long count = 0;
                int inputs = InputSize;
                foreach (LayerSpec layer in Layers)
                {
                    count += (long)layer.Size * inputs + layer.Size;
                    inputs = layer.Size;
                }
                return count;
            }
        }

        /// <summary>The type's full name made safe as a file name ("Ns.Outer.Net{T}").</summary>
        private string TypeFileName
        {
            get
            {
                var raw = new System.Text.StringBuilder();
                if (Namespace is not null) raw.Append(Namespace).Append('.');
                foreach (TypeDeclarationSpec type in ContainingTypes) raw.Append(type.Name).Append(type.TypeParameters).Append('.');
                raw.Append(Type.Name).Append(Type.TypeParameters);

                var name = new System.Text.StringBuilder();
                foreach (char c in raw.ToString())
                {
                    if (c != ' ' && c != '@') name.Append(c == '<' ? '{' : c == '>' ? '}' : c == ',' ? '_' : c);
                }
                return name.ToString();
            }
        }

        /// <summary>Name of the generated file: unique per type, safe as a file name ("Ns.Outer.Net{T}.g.cs").</summary>
        public string HintName => TypeFileName + ".g.cs";

        /// <summary>Name of the generated file holding the baked parameters ("Ns.Outer.Net{T}.Weights.g.cs").</summary>
        public string WeightsHintName => TypeFileName + ".Weights.g.cs";
    }
}
