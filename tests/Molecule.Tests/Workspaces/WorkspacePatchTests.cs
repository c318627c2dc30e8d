using System.Text.Json.Nodes;
using Molecule.Workspaces.Update;

namespace Molecule.Tests.Workspaces;

public sealed class WorkspacePatchTests
{
    private static (WorkspacePatch? Patch, string? Error) Parse(string json) => WorkspacePatch.Parse(JsonNode.Parse(json)!.AsObject());

    [Theory]
    [InlineData("""{"name":"a\nb"}""", "name must not contain newline characters")]
    [InlineData("""{"name":"a{b"}""", "name contains invalid characters")]
    [InlineData("""{"name":"a\u0001"}""", "name contains invalid characters")]
    [InlineData("""{"role":"r\r"}""", "role must not contain newline characters")]
    [InlineData("""{"role":"r>"}""", "role contains invalid characters")]
    [InlineData("""{"runtime":"x\n"}""", "runtime must not contain newline characters")]
    [InlineData("""{"name":12}""", "name must be a string")]
    [InlineData("""{"name":""}""", "name must not be empty")]
    [InlineData("""{"role":7}""", "role must be a string")]
    [InlineData("""{"runtime":null}""", "runtime must be a non-empty string")]
    [InlineData("""{"tier":"1"}""", "tier must be an integer")]
    [InlineData("""{"tier":1.5}""", "tier must be an integer")]
    [InlineData("""{"parent_id":"nope"}""", "parent_id must be a workspace ID or null")]
    [InlineData("""{"collapsed":"yes"}""", "collapsed must be a boolean")]
    [InlineData("""{"workspace_dir":5}""", "invalid workspace directory")]
    [InlineData("""{"x":"1","y":2}""", "x and y must be numbers")]
    public void Each_key_has_its_own_error(string json, string error)
    {
        Parse(json).Error.ShouldBe(error);
    }

    [Fact]
    public void Length_limits_use_the_reference_wording()
    {
        Parse($$"""{"name":"{{new string('n', 256)}}"}""").Error.ShouldBe("name must be at most 255 characters");
        Parse($$"""{"role":"{{new string('r', 1001)}}"}""").Error.ShouldBe("role must be at most 1000 characters");
        Parse($$"""{"runtime":"{{new string('r', 101)}}"}""").Error.ShouldBe("runtime must be at most 100 characters");
    }

    [Fact]
    public void Present_keys_are_read_and_absent_ones_left_alone()
    {
        var (patch, error) = Parse("""
            {"name":"Renamed","role":null,"tier":2,"parent_id":null,"collapsed":true,"runtime":"hermes",
             "workspace_dir":"/home/me","x":10,"y":-4.5,"budget_limit":5}
            """);

        error.ShouldBeNull();
        patch!.Name.ShouldBe("Renamed");
        patch.Role.ShouldBe(new Optional<string?>(null));
        patch.Tier.ShouldBe(2);
        patch.ParentId.IsSet.ShouldBeTrue();
        patch.ParentId.Value.ShouldBeNull();
        patch.Collapsed.ShouldBe(true);
        patch.Runtime.ShouldBe("hermes");
        patch.WorkspaceDir.Value.ShouldBe("/home/me");
        patch.Position.ShouldBe((10d, -4.5d));
        patch.HasAllowedDirectory.ShouldBeTrue();

        var (empty, _) = Parse("{}");
        empty!.Role.IsSet.ShouldBeFalse();
        empty.ParentId.IsSet.ShouldBeFalse();
        empty.WorkspaceDir.IsSet.ShouldBeFalse();
        empty.Position.ShouldBeNull();
    }

    [Fact]
    public void One_coordinate_alone_is_ignored()
    {
        Parse("""{"x":10}""").Patch!.Position.ShouldBeNull();
    }

    [Fact]
    public void The_directory_is_judged_separately()
    {
        Parse("""{"workspace_dir":"/etc"}""").Patch!.HasAllowedDirectory.ShouldBeFalse();
        Parse("""{"workspace_dir":null}""").Patch!.HasAllowedDirectory.ShouldBeTrue();
    }

    [Fact]
    public void An_unpaired_surrogate_is_a_bad_body()
    {
        Parse("""{"name":"a\ud800"}""").Error.ShouldBe("invalid request body");
    }
}
