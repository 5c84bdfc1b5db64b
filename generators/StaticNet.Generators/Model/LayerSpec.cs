namespace StaticNet.Generators.Model
{
    /// <summary>One Dense layer as declared: its neuron count, activation and the activation's α (already defaulted).</summary>
    internal sealed record LayerSpec(int Size, ActivationKind Activation, float Alpha);
}
