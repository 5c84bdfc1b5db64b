namespace StaticNet
{
    /// <summary>The per-sample loss a network minimises. Each matches the PyTorch loss it names.</summary>
    public enum Loss
    {
        /// <summary>Mean over outputs of (y − t)², as <c>nn.MSELoss()</c>.</summary>
        MeanSquaredError = 0,

        /// <summary>
        /// Mean over outputs of −[t·log y + (1 − t)·log(1 − y)], as <c>nn.BCELoss()</c>
        /// (each log clamped at −100). Needs a <see cref="Activation.Sigmoid"/> output layer.
        /// </summary>
        BinaryCrossEntropy = 1,

        /// <summary>
        /// −Σ t·log y with y the softmax output, as <c>nn.CrossEntropyLoss</c> on the logits.
        /// Targets may be one-hot or probabilities. Needs a <see cref="Activation.Softmax"/> output layer.
        /// </summary>
        CrossEntropy = 2,
    }
}
