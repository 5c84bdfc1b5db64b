using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StaticNet.CodeFixes
{
    /// <summary>
    /// Fixes SN0001 (network class not partial) and SN0013 (containing type not partial) by adding the
    /// 'partial' modifier where C# wants it: last, right before the 'class' keyword.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
    public sealed class MakePartialCodeFix : CodeFixProvider
    {
        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SN0001", "SN0013");

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                TypeDeclarationSyntax? declaration = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?
                    .AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
                if (declaration is null || declaration.Modifiers.Any(SyntaxKind.PartialKeyword)) continue;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Make '" + declaration.Identifier.ValueText + "' partial",
                        cancellationToken => MakePartialAsync(context.Document, root, declaration, cancellationToken),
                        equivalenceKey: nameof(MakePartialCodeFix)),
                    diagnostic);
            }
        }

        private static Task<Document> MakePartialAsync(Document document, SyntaxNode root, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TypeDeclarationSyntax fixedDeclaration;
            if (declaration.Modifiers.Count == 0)
            {
                // The keyword carries the declaration's leading trivia (indentation, comments): move it to 'partial'.
                SyntaxToken keyword = declaration.Keyword;
                SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
                fixedDeclaration = declaration.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial));
            }
            else
            {
                fixedDeclaration = declaration.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            }
            return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(declaration, fixedDeclaration)));
        }
    }
}
