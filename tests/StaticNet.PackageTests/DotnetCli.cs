using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace StaticNet.PackageTests;

/// <summary>What a finished command printed, how it ended and how long it took.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>Throws with the whole output unless the command exited with 0.</summary>
    public CommandResult Succeeded()
    {
        if (ExitCode != 0) throw new Xunit.Sdk.XunitException($"`{Command}` exited with {ExitCode}:\n{Output}");
        return this;
    }
}

/// <summary>
/// Runs the SDK's <c>dotnet</c> (and other programs) as a user would from a shell: a clean environment as far as MSBuild
/// is concerned, so the consumer builds see nothing of the test host's own build.
/// </summary>
public static class DotnetCli
{
    // Far beyond any build here (the NativeAOT publish takes about a minute); only there so a hung build ends the test.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    public static string DotnetPath => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Runs <c>dotnet</c> with the arguments, in the folder.</summary>
    public static CommandResult Dotnet(string workingDirectory, params string[] arguments) => Run(DotnetPath, workingDirectory, arguments);

    public static CommandResult Run(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        // `dotnet test` hands its MSBuild settings to the test host; a build started from here must find its own. No GIT_DIR
        // or the like either: git and SourceLink must see only the folder they run in.
        foreach (string name in new List<string>(EnvironmentNames(start.Environment)))
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || name.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase) || name.StartsWith("GIT_", StringComparison.Ordinal))
            {
                start.Environment.Remove(name);
            }
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";

        var output = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string command = program + " " + string.Join(" ", arguments);
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"`{command}` did not finish in {Limit.TotalMinutes} minutes:\n{output}");
        }
        process.WaitForExit(); // drains the output handlers
        watch.Stop();
        lock (output) return new CommandResult(command, process.ExitCode, output.ToString(), watch.Elapsed);
    }

    private static IEnumerable<string> EnvironmentNames(IDictionary<string, string?> environment)
    {
        foreach (KeyValuePair<string, string?> pair in environment) yield return pair.Key;
    }
}
