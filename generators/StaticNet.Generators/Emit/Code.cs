namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// How the generated file names what it uses. Two namespace aliases (declared at the top of the file) keep the
    /// names short; qualified as <c>Sys::</c> and <c>SN::</c> they are looked up among aliases only, so no type or
    /// namespace of the user's can capture them, as <c>global::</c> could not be either.
    /// </summary>
    internal static class Code
    {
        public const string SystemAlias = "using Sys = global::System;";
        public const string StaticNetAlias = "using SN = global::StaticNet;";

        public const string Span = "Sys::Span<float>";
        public const string ReadOnlySpan = "Sys::ReadOnlySpan<float>";
        public const string Labels = "Sys::ReadOnlySpan<int>";
        public const string Guard = "SN::Guard";
        public const string Dense = "SN::Kernels.Dense";
        public const string Activations = "SN::Kernels.Activations";
        public const string Derivatives = "SN::Kernels.Derivatives";
        public const string NetMath = "SN::NetMath";
        public const string RangeUpdate = "SN::Training.IParameterRangeUpdate";
        public const string Trainable = "SN::Training.ITrainableNetwork";
        public const string DropoutTrainable = "SN::Training.IDropoutTrainableNetwork";
        public const string Parallel = "SN::Training.IParallelTrainableNetwork";
        public const string RowSplit = "SN::Training.IRowSplitTrainableNetwork";
        public const string Network = "SN::INetwork";
        public const string GeneratedCode = "[Sys::CodeDom.Compiler.GeneratedCode(\"StaticNet\", \"" + GeneratorVersion.Value + "\")]";
    }
}
