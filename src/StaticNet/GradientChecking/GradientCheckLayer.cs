namespace StaticNet
{
    /// <summary>The gradient check of one layer: its weights and its biases.</summary>
    public sealed class GradientCheckLayer
    {
        internal GradientCheckLayer(int index, LayerInfo layer, GradientCheckSummary weights, GradientCheckSummary biases)
        {
            Index = index;
            Layer = layer;
            Weights = weights;
            Biases = biases;
        }

        /// <summary>0-based, as in <see cref="NetworkArchitecture.Layers"/> (the report and the names say layer Index + 1).</summary>
        public int Index { get; }

        /// <summary>The layer as declared.</summary>
        public LayerInfo Layer { get; }

        /// <summary>W [size × inputs].</summary>
        public GradientCheckSummary Weights { get; }

        /// <summary>b [size].</summary>
        public GradientCheckSummary Biases { get; }

        /// <summary>No checked weight or bias of the layer failed.</summary>
        public bool Passed => Weights.Passed && Biases.Passed;
    }
}
