using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace StaticNet.Docs.Tests;

/// <summary>
/// Turns a chain of blocks (a block and the blocks it continues) into one C# file: the using directives first, the
/// statements (in page order) as the body of a method that takes the <c>with:</c> parameters, and the type declarations
/// after it. Every piece carries a <c>#line</c> directive, so a diagnostic names the page and line it stands on.
/// </summary>
public static class BlockProgram
{
    public static string Source(IReadOnlyList<CodeBlock> chain, CSharpParseOptions options)
    {
        var usings = new StringBuilder();
        var statements = new StringBuilder();
        var types = new StringBuilder();
        bool awaits = false;
        foreach (CodeBlock block in chain)
        {
            string code = string.Join("\n", block.Lines);
            var unit = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, options).GetRoot();
            foreach (SyntaxNode node in unit.Externs.Cast<SyntaxNode>().Concat(unit.Usings).Concat(unit.AttributeLists))
            {
                Append(usings, block, node, code);
            }
            foreach (MemberDeclarationSyntax member in unit.Members)
            {
                if (member is FileScopedNamespaceDeclarationSyntax)
                {
                    throw new InvalidDataException($"{block}: a file-scoped namespace cannot be compiled with other blocks; use a block-scoped one");
                }
                if (member is GlobalStatementSyntax statement)
                {
                    awaits |= statement.DescendantNodes().OfType<AwaitExpressionSyntax>().Any();
                    Append(statements, block, statement, code);
                }
                else
                {
                    Append(types, block, member, code);
                }
            }
        }

        string parameters = string.Join(", ", chain.Select(b => b.Value("with")).Where(p => !string.IsNullOrEmpty(p)));
        var source = new StringBuilder();
        source.Append(usings);
        source.Append("#line hidden\n");
        source.Append("internal static class DocumentationBlock\n{\n");
        source.Append(awaits ? "    public static async System.Threading.Tasks.Task Run(" : "    public static void Run(").Append(parameters).Append(")\n    {\n");
        source.Append(statements);
        source.Append("#line hidden\n    }\n}\n");
        source.Append(types);
        return source.ToString();
    }

    /// <summary>The node's text, indented to its column (so columns stay right), under a #line naming its page line.</summary>
    private static void Append(StringBuilder target, CodeBlock block, SyntaxNode node, string code)
    {
        LinePosition start = node.SyntaxTree.GetLineSpan(node.Span).StartLinePosition;
        target.Append("#line ").Append(block.FirstLine + start.Line).Append(" \"").Append(block.Page).Append("\"\n");
        target.Append(' ', start.Character).Append(code, node.Span.Start, node.Span.Length).Append('\n');
    }
}
