using System;
using System.IO;
using System.Reflection;
using System.Threading;

namespace StaticNet.Samples.Tests;

/// <summary>Runs a sample's Main in this process, as `dotnet run --project samples/X -- args` would, and returns what it printed.</summary>
internal static class SampleRun
{
    private static readonly Lock Console = new();

    public static string Run(Assembly sample, params string[] args)
    {
        MethodInfo main = sample.EntryPoint ?? throw new InvalidOperationException(sample.GetName().Name + " has no entry point");
        lock (Console)
        {
            TextWriter original = System.Console.Out;
            var printed = new StringWriter();
            System.Console.SetOut(printed);
            try
            {
                object? exit = main.Invoke(null, main.GetParameters().Length == 0 ? null : new object[] { args });
                if (exit is int code && code != 0) throw new InvalidOperationException($"{sample.GetName().Name} exited with {code}:\n{printed}");
            }
            finally
            {
                System.Console.SetOut(original);
            }
            return printed.ToString();
        }
    }
}
