namespace StaticNet.Generators.Model
{
    /// <summary>
    /// One Dense layer as declared, with defaults resolved: its neuron count, activation, the
    /// activation's α, its dropout probability (0 = none) and its weight initialisation scheme.
    /// </summary>
    internal sealed record LayerSpec(int Size, ActivationKind Activation, float Alpha, float Dropout, InitializationKind Initialization);
}
