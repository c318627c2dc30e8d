using Molecule.Kernel.Workspaces;

namespace Molecule.Tests.Architecture;

/// <summary>
/// The status machine's table is the truth only if production fires every row: a row nothing fires
/// is a rule nobody follows (issue 8 found six). Names are looked up in src/, outside the table itself.
/// </summary>
public sealed class StatusMachineUseTests
{
    [Fact]
    public void Production_code_fires_every_trigger_of_the_status_machine()
    {
        var root = RepositoryRoot();
        var sources = string.Join('\n', Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal))
            .Where(path => Path.GetFileName(path) is not ("StatusMachine.cs" or "WorkspaceTrigger.cs"))
            .Select(File.ReadAllText));

        var unused = Enum.GetNames<WorkspaceTrigger>()
            .Where(name => !sources.Contains($"WorkspaceTrigger.{name}", StringComparison.Ordinal))
            .ToList();

        unused.ShouldBeEmpty("no production code fires these triggers; use them or delete their rows");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Molecule.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Molecule.sln not found above " + AppContext.BaseDirectory);
    }
}
