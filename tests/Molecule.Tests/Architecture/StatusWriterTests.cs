using System.Text.RegularExpressions;

namespace Molecule.Tests.Architecture;

/// <summary>
/// Status has one writer (ARCHITECTURE.md §4): no SQL outside the Workspaces module writes
/// <c>workspaces.status</c>. Everything else asks <c>IWorkspaceLifecycle.TransitionAsync</c>.
/// </summary>
public sealed partial class StatusWriterTests
{
    private const string WorkspacesModule = "src/Modules/Molecule.Workspaces/";

    [Fact]
    public void No_sql_outside_the_workspaces_module_writes_the_status()
    {
        var root = RepositoryRoot();
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal))
            .Where(path => !path.StartsWith(WorkspacesModule, StringComparison.Ordinal))
            .Where(path => WritesStatus(File.ReadAllText(Path.Combine(root, path))))
            .ToList();

        offenders.ShouldBeEmpty("these files write workspaces.status; go through IWorkspaceLifecycle.TransitionAsync instead");
    }

    [Fact]
    public void The_workspaces_module_is_where_the_status_is_written()
    {
        // Guards the scan itself: if the paths or the patterns stopped matching, the test above would pass vacuously.
        var writer = Path.Combine(RepositoryRoot(), WorkspacesModule, "Lifecycle", "StatusWrites.cs");
        WritesStatus(File.ReadAllText(writer)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("UPDATE workspaces SET status = 'offline', updated_at = now()\n WHERE status IN ('online') RETURNING id")]
    [InlineData("update workspaces\n   set updated_at = now(),\n       status = @to::workspace_status where id = @id")]
    [InlineData("UPDATE workspaces w SET status = 'failed' FROM input i WHERE w.id = i.id")]
    [InlineData("INSERT INTO workspaces (id, status) VALUES (@id, 'online') ON CONFLICT (id) DO NOTHING")]
    [InlineData("INSERT INTO workspaces (id, url) VALUES (@id, @url)\n ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, status = 'online'")]
    public void Status_writes_are_recognised(string sql) => WritesStatus(sql).ShouldBeTrue();

    [Theory]
    [InlineData("UPDATE workspaces w SET last_heartbeat_at = @now, current_task = i.current_task FROM input i JOIN previous p ON p.id = i.id WHERE w.id = i.id RETURNING w.id, p.status")]
    [InlineData("UPDATE workspaces SET url = @url WHERE id = @id AND status = 'provisioning'")]
    [InlineData("SELECT id FROM workspaces WHERE status = ANY(@live::workspace_status[])")]
    [InlineData("INSERT INTO workspaces (id, name, url) VALUES (@id, @name, @url) ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url WHERE workspaces.status <> 'removed'")]
    public void Other_writes_and_status_reads_are_not(string sql) => WritesStatus(sql).ShouldBeFalse();

    private static bool WritesStatus(string source) =>
        UpdateSetsStatus().IsMatch(source) || UpsertSetsStatus().IsMatch(source) || InsertNamesStatus().IsMatch(source);

    /// <summary>UPDATE workspaces [alias] SET … status = …, looking only at the SET list.</summary>
    [GeneratedRegex(@"\bUPDATE\s+workspaces(?:\s+(?:AS\s+)?(?!SET\b)\w+)?\s+SET\s(?:(?!\bWHERE\b|\bFROM\b|\bRETURNING\b|;).)*?\bstatus\s*=", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex UpdateSetsStatus();

    /// <summary>INSERT INTO workspaces … ON CONFLICT … DO UPDATE SET … status = ….</summary>
    [GeneratedRegex(@"\bINSERT\s+INTO\s+workspaces\b[^;]*?\bDO\s+UPDATE\s+SET\s(?:(?!\bWHERE\b|\bRETURNING\b|;).)*?\bstatus\s*=", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex UpsertSetsStatus();

    /// <summary>INSERT INTO workspaces (…, status, …): a row born with a status of the writer's choosing.</summary>
    [GeneratedRegex(@"\bINSERT\s+INTO\s+workspaces\s*\([^)]*\bstatus\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex InsertNamesStatus();

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
