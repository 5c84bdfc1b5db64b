namespace StaticNet.Generators.Model
{
    /// <summary>
    /// A type declaration to reopen in the generated file: the network class itself or one of the
    /// types it is nested in. <paramref name="Keyword"/> is "class", "struct", "record", "record struct"
    /// or "interface"; <paramref name="TypeParameters"/> is "" or e.g. "&lt;T, U&gt;".
    /// </summary>
    internal sealed record TypeDeclarationSpec(string Keyword, string Name, string TypeParameters);
}
