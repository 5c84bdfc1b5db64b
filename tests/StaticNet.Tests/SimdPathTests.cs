using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Every SIMD path of the generated kernels — AVX-512, AVX2, SSE-only (Vector128) and no hardware
/// SIMD — checked in a child process started with the runtime's instruction-set switches: each path
/// must pass the reference and finite-difference checks, and all must agree within float tolerance.
/// </summary>
/// <remarks>
/// .NET 10 reads DOTNET_EnableAVX512 (DOTNET_EnableAVX512F, the older name, no longer turns
/// Vector512 off), so both are set; the child reports which paths were accelerated and the test
/// checks that the switch took effect.
/// </remarks>
public class SimdPathTests
{
    public static TheoryData<string, string> Paths => new()
    {
        { "AVX-512 off", "DOTNET_EnableAVX512F=0;DOTNET_EnableAVX512=0" },
        { "AVX2 off (Vector128 only)", "DOTNET_EnableAVX2=0" },
        { "no hardware SIMD", "DOTNET_EnableHWIntrinsic=0" },
    };

    private static readonly Lazy<string[]> Default = new(() => Run(""));

    /// <summary>
    /// The library's netstandard2.0 build (what Unity and other .NET Standard hosts load: the portable path, no
    /// System.Runtime.Intrinsics) on the same networks, seeds and training run: it passes the same reference and
    /// finite-difference checks and agrees with the default path within float tolerance.
    /// </summary>
    [Fact]
    public void NetStandardBuildOfTheLibraryPassesTheChecksAndAgreesWithTheDefaultPath()
    {
        string[] lines = Run("", "StaticNet.PortableCheck");
        Assert.EndsWith(".NETStandard,Version=v2.0", lines[0]);
        Assert.EndsWith(".NETCoreApp,Version=v8.0", Default.Value[0]);
        AssertAgree("netstandard2.0 library", Default.Value, lines);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void PathPassesTheChecksAndAgreesWithTheDefaultPath(string name, string environment)
    {
        string[] lines = Run(environment);
        string[] expected = Default.Value;

        bool[] simd = lines[0].Split(' ').Skip(1).Take(3).Select(bool.Parse).ToArray();
        Assert.False(simd[0], name + ": Vector512 should be off");
        if (environment.Contains("AVX2")) Assert.False(simd[1], name + ": Vector256 should be off");
        if (environment.Contains("HWIntrinsic")) Assert.False(simd[2], name + ": Vector128 should be off");

        AssertAgree(name, expected, lines);
    }

    private static void AssertAgree(string name, string[] expected, string[] lines)
    {
        Assert.Equal(expected.Length, lines.Length);
        for (int row = 1; row < lines.Length; row++)
        {
            string[] a = expected[row].Split(' '), b = lines[row].Split(' ');
            Assert.Equal(a[0], b[0]);
            Assert.Equal(a.Length, b.Length);
            for (int i = 1; i < a.Length; i++)
            {
                double x = double.Parse(a[i], CultureInfo.InvariantCulture), y = double.Parse(b[i], CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(x - y) <= 1e-5 + 1e-4 * Math.Abs(x), $"{name}, {a[0]} value {i}: {x:R} by default, {y:R} here");
            }
        }
    }

    [Fact]
    public void DefaultPathPassesTheChecks() => Assert.True(Default.Value.Length > 10);

    private static string[] Run(string environment, string program = "StaticNet.SimdCheck")
    {
        string dll = Path.Combine(AppContext.BaseDirectory.Replace(Path.Combine("tests", "StaticNet.Tests"), Path.Combine("tests", program)), program + ".dll");
        Assert.True(File.Exists(dll), "not built: " + dll);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", $"\"{dll}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string pair in environment.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] kv = pair.Split('=');
            start.Environment[kv[0]] = kv[1];
        }
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"[{environment}] exit {process.ExitCode}: {output.Split('\n').LastOrDefault(l => l.Length > 0)} {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
