using Xunit;

namespace StaticNet.PackageTests;

/// <summary>
/// `dotnet publish samples/Xor -p:PublishAot=true`: a global property reaches every project the app references, and the
/// SDK refuses PublishAot on netstandard2.0 (NETSDK1207, reported while restoring). The library and the generator
/// projects treat PublishAot as their own property and set it to false. (A package consumer never builds those projects,
/// so it is not affected either way: see the NativeAOT consumer test.)
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class CommandLineAotTests
{
    private readonly PackedRepository _package;

    public CommandLineAotTests(PackedRepository package) => _package = package;

    [Fact]
    public void PublishAotOnTheCommandLineDoesNotReachTheNetStandardProjects()
    {
        CommandResult restore = DotnetCli.Dotnet(_package.SourceCopy, "restore", "samples/Xor/Xor.csproj", "-p:PublishAot=true", "-nodeReuse:false");
        Assert.DoesNotContain("NETSDK1207", restore.Output);
        restore.Succeeded();
    }
}
