using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace StaticNet.Generators.Model
{
    /// <summary>
    /// Where a diagnostic points, as values: a <see cref="Location"/> holds its syntax tree alive
    /// and is not equatable, so pipeline models carry this instead and rebuild the location at the end.
    /// </summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        /// <summary>
        /// The location in <paramref name="compilation"/>'s syntax tree of that path, where pragmas and .editorconfig severities
        /// apply to it; a location by path alone when the compilation has no such tree.
        /// </summary>
        public Location ToLocation(Compilation compilation)
        {
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                if (tree.FilePath == FilePath && Span.End <= tree.Length) return Location.Create(tree, Span);
            }
            return Location.Create(FilePath, Span, LineSpan);
        }

        public static LocationInfo? From(Location? location)
            => location is null || location.SourceTree is null
                ? null
                : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    /// <summary>A diagnostic to report, as equatable data: which descriptor, where, and its message arguments.</summary>
    internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> MessageArgs)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] messageArgs)
            => new DiagnosticInfo(descriptor.Id, LocationInfo.From(location), new EquatableArray<string>(messageArgs));
    }

    /// <summary>
    /// What parsing one [Network] class produced: a spec to emit (null if the declaration is unusable),
    /// its diagnostics, and where the class is named (for diagnostics decided later in the pipeline).
    /// </summary>
    internal sealed record ParseResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? Location);
}
