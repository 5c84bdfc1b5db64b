using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Generators.Diagnostics;
using StaticNet.Generators.Emit;
using StaticNet.Generators.Model;

namespace StaticNet.Generators.Parsing
{
    /// <summary>
    /// Turns one class carrying [Network] into a <see cref="NetworkSpec"/> and the diagnostics its
    /// declaration earns. This is the only place that looks at symbols and syntax.
    /// </summary>
    internal static class NetworkParser
    {
        public const string NetworkAttributeName = "StaticNet.NetworkAttribute";
        private const string InputAttributeName = "StaticNet.InputAttribute";
        private const string DenseAttributeName = "StaticNet.DenseAttribute";

        /// <summary>The syntax filter: every type declaration; the parser diagnoses the ones that are not classes.</summary>
        public static bool IsCandidate(SyntaxNode node, CancellationToken _) => node is TypeDeclarationSyntax;

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            try
            {
                return ParseCore(context, type, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The generator must never throw into the IDE: an unexpected failure becomes a diagnostic.
                var error = DiagnosticInfo.Create(DiagnosticCatalog.InternalError, type.Locations.FirstOrDefault(), type.Name, ex.GetType().Name + ": " + ex.Message);
                return new ParseResult(null, new EquatableArray<DiagnosticInfo>(new[] { error }), null);
            }
        }

        /// <summary>Whether the [Network] of this context is the first one the type carries (in declaration order of its parts).</summary>
        private static bool IsFirstNetworkAttribute(GeneratorAttributeSyntaxContext context, INamedTypeSymbol type)
        {
            SyntaxReference? mine = context.Attributes.Length > 0 ? context.Attributes[0].ApplicationSyntaxReference : null;
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() != NetworkAttributeName) continue;
                SyntaxReference? first = attribute.ApplicationSyntaxReference;
                return mine is null || first is null || (first.SyntaxTree == mine.SyntaxTree && first.Span == mine.Span);
            }
            return true;
        }

        private static ParseResult ParseCore(GeneratorAttributeSyntaxContext context, INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            // [Network] on two parts of one partial class is the compiler's CS0579; the class is generated once, for the first.
            if (!IsFirstNetworkAttribute(context, type)) return Result(null, diagnostics);
            var declaration = (TypeDeclarationSyntax)context.TargetNode;
            Location classLocation = declaration.Identifier.GetLocation();

            if (type.TypeKind != TypeKind.Class || type.IsRecord || type.IsStatic)
            {
                string kind = type.IsRecord ? "record" : type.IsStatic ? "static class" : type.TypeKind.ToString().ToLowerInvariant();
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.NotAClass, classLocation, type.Name, kind));
                return Result(null, diagnostics);
            }

            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.ClassNotPartial, classLocation, type.Name));
            }

            var containingTypes = new List<TypeDeclarationSpec>();
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                if (!IsPartial(outer, cancellationToken))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.ContainingTypeNotPartial, outer.Locations.FirstOrDefault(), outer.Name, type.Name));
                }
                containingTypes.Insert(0, Describe(outer));
            }

            LossKind? loss = ReadEnum<LossKind>(context.Attributes[0], "Loss", LossKind.MeanSquaredError, diagnostics, classLocation);
            InitializationKind? networkInit = ReadEnum<InitializationKind>(context.Attributes[0], "Initialization", InitializationKind.Default, diagnostics, classLocation);
            int? inputSize = null;
            bool inputSeen = false;
            var layers = new List<LayerSpec>();
            var layerLocations = new List<Location?>();

            foreach (AttributeData attribute in type.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                string? name = attribute.AttributeClass?.ToDisplayString();
                Location? location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? classLocation;
                if (name == InputAttributeName)
                {
                    inputSeen = true;
                    if (TryReadInt(attribute, 0, out int size))
                    {
                        if (size < 1) diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidSize, location, "Input", Format(size)));
                        else inputSize = size;
                    }
                }
                else if (name == DenseAttributeName)
                {
                    LayerSpec? layer = ReadDense(attribute, layers.Count + 1, location, diagnostics);
                    if (layer is not null)
                    {
                        layers.Add(layer);
                        layerLocations.Add(location);
                    }
                    else
                    {
                        // Keep the declared layer count honest even when this layer is unusable.
                        layers.Add(new LayerSpec(0, ActivationKind.Identity, 0f, 0f, InitializationKind.Default));
                        layerLocations.Add(location);
                    }
                }
            }

            bool[] chosenInitialization = layers.Select(l => l.Initialization != InitializationKind.Default || networkInit is not (null or InitializationKind.Default)).ToArray();
            for (int i = 0; i < layers.Count; i++)
            {
                if (layers[i].Initialization == InitializationKind.Default)
                {
                    layers[i] = layers[i] with { Initialization = networkInit is null or InitializationKind.Default ? DefaultInitialization(layers[i].Activation) : networkInit.Value };
                }
            }
            if (layers.Count > 0 && layers[layers.Count - 1].Dropout > 0f)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.DropoutOnOutput, layerLocations[layers.Count - 1], Format(layers.Count), type.Name));
            }

            if (!inputSeen) diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MissingInput, classLocation, type.Name));
            if (layers.Count == 0) diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MissingDense, classLocation, type.Name));

            for (int i = 0; i < layers.Count - 1; i++)
            {
                if (layers[i].Size > 0 && layers[i].Activation == ActivationKind.Softmax)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.SoftmaxNotLast, layerLocations[i], Format(i + 1), type.Name));
                }
            }

            if (layers.Count > 0 && layers[layers.Count - 1].Size == 1 && layers[layers.Count - 1].Activation == ActivationKind.Softmax)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.SoftmaxOfOne, layerLocations[layers.Count - 1], type.Name));
            }

            if (layers.Count > 0 && loss is not null && layers[layers.Count - 1].Size > 0)
            {
                ActivationKind output = layers[layers.Count - 1].Activation;
                if (loss == LossKind.CrossEntropy && output != ActivationKind.Softmax)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.CrossEntropyNeedsSoftmax, layerLocations[layers.Count - 1], type.Name, output.ToString()));
                }
                if (loss == LossKind.BinaryCrossEntropy && output != ActivationKind.Sigmoid)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.BinaryCrossEntropyNeedsSigmoid, layerLocations[layers.Count - 1], type.Name, output.ToString()));
                }
            }

            if (loss is not null && layers.Count > 0 && layers.All(l => l.Size > 0))
            {
                TrainingAdvice.Check(type.Name, layers, layerLocations, chosenInitialization, loss.Value, diagnostics);
            }

            bool hasErrors = diagnostics.Any(d => DiagnosticCatalog.Get(d.Id).DefaultSeverity == DiagnosticSeverity.Error);
            if (hasErrors || inputSize is null || loss is null || networkInit is null || layers.Count == 0 || layers.Any(l => l.Size < 1))
            {
                return Result(null, diagnostics);
            }

            // The fully qualified format escapes keywords (namespace A.@class), which the generated code needs.
            string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } n
                ? n.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "")
                : null;
            bool explain = context.Attributes[0].NamedArguments.Any(a => a.Key == "Explain" && a.Value.Value is true);
            string? weights = context.Attributes[0].NamedArguments.FirstOrDefault(a => a.Key == "Weights").Value.Value as string;
            var spec = new NetworkSpec(ns, EquatableArray.From(containingTypes), Describe(type), inputSize.Value, EquatableArray.From(layers), loss.Value, explain, weights);
            if (explain && !ExplainModeFits(spec, type.Name, classLocation, layerLocations, diagnostics)) return Result(null, diagnostics);

            if (spec.ParameterCount > NetworkLimits.MaxAllocatableParameters)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.TooManyParameters, classLocation, type.Name, spec.ParameterCount.ToString("N0", CultureInfo.InvariantCulture),
                    NetworkLimits.MaxAllocatableParameters.ToString("N0", CultureInfo.InvariantCulture)));
                return Result(null, diagnostics);
            }

            // A member the user already declares under a generated name would not compile; say so clearly instead.
            var generated = new HashSet<string>(GeneratedNames.For(spec), StringComparer.Ordinal);
            foreach (ISymbol member in type.GetMembers())
            {
                if (member.IsImplicitlyDeclared) continue;
                string memberName = member is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor ? ConstructorName(ctor) : member.Name;
                if (generated.Contains(memberName))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MemberNameConflict, member.Locations.FirstOrDefault(), type.Name, memberName));
                }
            }

            return diagnostics.Any(d => DiagnosticCatalog.Get(d.Id).DefaultSeverity == DiagnosticSeverity.Error)
                ? Result(null, diagnostics)
                : Result(spec, diagnostics, classLocation);
        }

        /// <summary>Explain mode writes every weight out by name, one sample at a time: small networks without dropout (SN0022, SN0023).</summary>
        private static bool ExplainModeFits(NetworkSpec spec, string name, Location? classLocation, List<Location?> layerLocations, List<DiagnosticInfo> diagnostics)
        {
            bool fits = true;
            if (spec.ParameterCount > NetworkSpec.MaxExplainedParameters)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.ExplainTooLarge, classLocation, name, spec.ParameterCount.ToString("N0", CultureInfo.InvariantCulture),
                    NetworkSpec.MaxExplainedParameters.ToString(CultureInfo.InvariantCulture)));
                fits = false;
            }
            for (int i = 0; i < spec.Layers.Count; i++)
            {
                if (spec.Layers[i].Dropout <= 0f) continue;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.ExplainWithDropout, layerLocations[i], Format(i + 1), name));
                fits = false;
            }
            return fits;
        }

        /// <summary>Constructors clash by signature: the generated ones are () and (int seed).</summary>
        private static string ConstructorName(IMethodSymbol ctor)
            => ctor.Parameters.Length == 0 ? GeneratedNames.DefaultConstructor
             : ctor.Parameters.Length == 1 && ctor.Parameters[0].Type.SpecialType == SpecialType.System_Int32 ? GeneratedNames.SeedConstructor
             : "";

        /// <summary>He for the ReLU family (half the units pass no signal), Glorot for the rest.</summary>
        private static InitializationKind DefaultInitialization(ActivationKind activation)
            => activation is ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.ELU ? InitializationKind.HeUniform : InitializationKind.GlorotUniform;

        /// <summary>Reads a named enum argument; null (with SN0012) for a value the enum does not define.</summary>
        private static TEnum? ReadEnum<TEnum>(AttributeData attribute, string name, TEnum fallback, List<DiagnosticInfo> diagnostics, Location? location)
            where TEnum : struct, Enum
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key != name) continue;
                if (argument.Value.Value is not int value) return null; // the compiler reports the bad argument
                if (!Enum.IsDefined(typeof(TEnum), value))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownEnumValue, location, name, Format(value), name));
                    return null;
                }
                return (TEnum)(object)value;
            }
            return fallback;
        }

        private static LayerSpec? ReadDense(AttributeData attribute, int index, Location? location, List<DiagnosticInfo> diagnostics)
        {
            if (!TryReadInt(attribute, 0, out int size)) return null;
            int activationValue = attribute.ConstructorArguments.Length > 1 && attribute.ConstructorArguments[1].Value is int a ? a : 0;

            bool ok = true;
            if (size < 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidSize, location, "Layer " + Format(index), Format(size)));
                ok = false;
            }
            if (!Enum.IsDefined(typeof(ActivationKind), activationValue))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownEnumValue, location, "Layer " + Format(index) + "'s activation", Format(activationValue), "Activation"));
                return null;
            }

            var activation = (ActivationKind)activationValue;
            float? alpha = null;
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == "Alpha" && argument.Value.Value is float value && !float.IsNaN(value)) alpha = value;
            }

            float resolvedAlpha = 0f;
            switch (activation)
            {
                case ActivationKind.LeakyReLU:
                    resolvedAlpha = alpha ?? 0.01f;
                    if (!(resolvedAlpha >= 0f) || float.IsInfinity(resolvedAlpha))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidAlpha, location, Format(index), "LeakyReLU", FormatFloat(resolvedAlpha), "the negative slope must be a finite number ≥ 0 (default 0.01)"));
                        ok = false;
                    }
                    break;
                case ActivationKind.ELU:
                    resolvedAlpha = alpha ?? 1f;
                    if (!(resolvedAlpha > 0f) || float.IsInfinity(resolvedAlpha))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidAlpha, location, Format(index), "ELU", FormatFloat(resolvedAlpha), "α must be a finite number > 0 (default 1)"));
                        ok = false;
                    }
                    break;
                default:
                    if (alpha is not null)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.AlphaIgnored, location, Format(index), activation.ToString()));
                    }
                    break;
            }

            float dropout = 0f;
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == "Dropout" && argument.Value.Value is float value) dropout = value;
            }
            if (!(dropout >= 0f && dropout < 1f))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidDropout, location, Format(index), FormatFloat(dropout)));
                ok = false;
            }

            InitializationKind? initialization = ReadEnum<InitializationKind>(attribute, "Initialization", InitializationKind.Default, diagnostics, location);
            if (initialization is null) ok = false;

            return ok ? new LayerSpec(size, activation, resolvedAlpha, dropout, initialization!.Value) : null;
        }

        private static bool TryReadInt(AttributeData attribute, int position, out int value)
        {
            value = 0;
            if (attribute.ConstructorArguments.Length <= position) return false;
            TypedConstant argument = attribute.ConstructorArguments[position];
            if (argument.Kind == TypedConstantKind.Error || argument.Value is not int v) return false;
            value = v;
            return true;
        }

        private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { } syntax && syntax.Modifiers.Any(SyntaxKind.PartialKeyword)) return true;
            }
            return false;
        }

        private static TypeDeclarationSpec Describe(INamedTypeSymbol type)
        {
            string keyword = type.IsRecord
                ? (type.TypeKind == TypeKind.Struct ? "record struct" : "record")
                : type.TypeKind switch
                {
                    TypeKind.Struct => "struct",
                    TypeKind.Interface => "interface",
                    _ => "class",
                };
            string typeParameters = type.TypeParameters.Length == 0
                ? ""
                : "<" + string.Join(", ", type.TypeParameters.Select(p => Identifier(p.Name))) + ">";
            return new TypeDeclarationSpec(keyword, Identifier(type.Name), typeParameters);
        }

        /// <summary>A name as C# source must spell it: reserved keywords get '@' (class @class).</summary>
        private static string Identifier(string name)
            => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        private static ParseResult Result(NetworkSpec? spec, List<DiagnosticInfo> diagnostics, Location? location = null)
            => new ParseResult(spec, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()), LocationInfo.From(location));

        private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string FormatFloat(float value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
