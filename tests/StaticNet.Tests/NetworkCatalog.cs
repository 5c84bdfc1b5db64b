using System;
using System.Linq;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>Every network declared in this test project, for theories that run over all of them.</summary>
public static class NetworkCatalog
{
    public static readonly Type[] All = ReferenceMlp.NetworkTypes(typeof(NetworkCatalog).Assembly).ToArray();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (Type type in All) data.Add(type.Name);
        return data;
    }

    public static Type Find(string name) => All.Single(t => t.Name == name);

    public static ITestNetwork Create(Type type, int seed) => (ITestNetwork)Activator.CreateInstance(type, seed)!;

    public static int Constant(Type type, string name) => (int)type.GetField(name)!.GetRawConstantValue()!;
}
