namespace StaticNet.Experiments;

/// <summary>One sub-command of the program: runs at full size, returns the table it prints and writes its plot.</summary>
public interface IExperiment
{
    /// <summary>The sub-command: <c>dotnet run --project samples/Experiments -c Release -- name</c>.</summary>
    string Name { get; }

    /// <summary>What the experiment shows, one line above its table.</summary>
    string Title { get; }

    /// <summary>Runs it, writes the plot into <paramref name="outputFolder"/>, and returns the table and the plot's path.</summary>
    (string Table, string PlotPath) Run(string digitsPath, string outputFolder);
}
