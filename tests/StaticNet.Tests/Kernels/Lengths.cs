using System;
using System.Collections.Generic;
using StaticNet.Kernels;
using Xunit;

namespace StaticNet.Tests.Kernels;

/// <summary>The lengths every kernel is checked at: around each vector width (4, 8, 16 floats), one, odd, and a layer's 784.</summary>
public static class Lengths
{
    public struct L1 : IFixedLength { public int Value => 1; }
    public struct L3 : IFixedLength { public int Value => 3; }
    public struct L7 : IFixedLength { public int Value => 7; }
    public struct L8 : IFixedLength { public int Value => 8; }
    public struct L9 : IFixedLength { public int Value => 9; }
    public struct L15 : IFixedLength { public int Value => 15; }
    public struct L16 : IFixedLength { public int Value => 16; }
    public struct L17 : IFixedLength { public int Value => 17; }
    public struct L31 : IFixedLength { public int Value => 31; }
    public struct L33 : IFixedLength { public int Value => 33; }
    public struct L64 : IFixedLength { public int Value => 64; }
    public struct L100 : IFixedLength { public int Value => 100; }
    public struct L784 : IFixedLength { public int Value => 784; }

    private static readonly Dictionary<int, Type> Types = new()
    {
        [1] = typeof(L1),
        [3] = typeof(L3),
        [7] = typeof(L7),
        [8] = typeof(L8),
        [9] = typeof(L9),
        [15] = typeof(L15),
        [16] = typeof(L16),
        [17] = typeof(L17),
        [31] = typeof(L31),
        [33] = typeof(L33),
        [64] = typeof(L64),
        [100] = typeof(L100),
        [784] = typeof(L784),
    };

    public static TheoryData<int> All()
    {
        var data = new TheoryData<int>();
        foreach (int n in Types.Keys) data.Add(n);
        return data;
    }

    public static Type Of(int n) => Types[n];
}
