namespace StaticNet.Generators.Emit
{
    /// <summary>The version the generated [GeneratedCode] attribute names: the package's.</summary>
    internal static class GeneratorVersion
    {
        public const string Value = "0.1.0";
    }
}
