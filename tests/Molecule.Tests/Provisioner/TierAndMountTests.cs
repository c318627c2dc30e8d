using Molecule.Provisioner.Docker;

namespace Molecule.Tests.Provisioner;

public sealed class TierAndMountTests
{
    private static readonly Guid Id = Guid.Parse("1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d");
    private const string Configs = "ws-1a2b3c4d-5e6-configs:/configs";
    private const string WorkspaceVolume = "ws-1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d-workspace:/workspace";
    private const string Sessions = "ws-1a2b3c4d-5e6-claude-sessions:/root/.claude/sessions";
    private const long MiB = 1024 * 1024;

    [Fact]
    public void Tier_one_is_sandboxed_without_caps()
    {
        TierLimits.For(1, new TierOverrides()).ShouldBe(new TierLimits(true, null, null, false, false, false, false));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(-1)]
    public void Tier_two_zero_and_unknown_tiers_are_standard(int tier)
    {
        TierLimits.For(tier, new TierOverrides()).ShouldBe(new TierLimits(false, 512 * MiB, 1_000_000_000, false, false, false, false));
    }

    [Fact]
    public void Tiers_three_and_four_are_privileged_and_four_shares_the_host()
    {
        TierLimits.For(3, new TierOverrides()).ShouldBe(new TierLimits(false, 2048 * MiB, 2_000_000_000, true, true, false, false));
        TierLimits.For(4, new TierOverrides()).ShouldBe(new TierLimits(false, 4096 * MiB, 4_000_000_000, true, true, true, true));
    }

    [Fact]
    public void Overrides_replace_the_caps_of_their_tier_only()
    {
        var overrides = new TierOverrides(Tier2MemoryMb: 256, Tier2CpuShares: 512, Tier4MemoryMb: 8192);

        TierLimits.For(2, overrides).MemoryBytes.ShouldBe(256 * MiB);
        TierLimits.For(2, overrides).NanoCpus.ShouldBe(500_000_000);
        TierLimits.For(9, overrides).MemoryBytes.ShouldBe(256 * MiB);
        TierLimits.For(3, overrides).MemoryBytes.ShouldBe(2048 * MiB);
        TierLimits.For(4, overrides).MemoryBytes.ShouldBe(8192 * MiB);
        TierLimits.For(4, overrides).NanoCpus.ShouldBe(4_000_000_000);
    }

    [Theory]
    [InlineData(null, "none")]
    [InlineData(null, "read_write")]
    [InlineData("/srv/code", "none")]
    [InlineData("/srv/code", null)]
    public void Without_granted_access_to_a_host_directory_workspace_data_lives_in_a_volume(string? directory, string? access)
    {
        var mounts = WorkspaceMounts.For(Id, "langgraph", TierLimits.For(2, new()), directory, access, "/run/docker.sock");

        mounts.Binds.ShouldBe([Configs, WorkspaceVolume]);
        mounts.Volumes.ShouldBe(["ws-1a2b3c4d-5e6-configs", "ws-1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d-workspace"]);
    }

    [Theory]
    [InlineData("read_only", "/srv/code:/workspace:ro")]
    [InlineData("read_write", "/srv/code:/workspace")]
    public void A_granted_host_directory_is_bound_at_workspace(string access, string bind)
    {
        var mounts = WorkspaceMounts.For(Id, "langgraph", TierLimits.For(3, new()), "/srv/code", access, null);

        mounts.Binds.ShouldBe([Configs, bind]);
        mounts.Volumes.ShouldBe(["ws-1a2b3c4d-5e6-configs"]);
    }

    [Fact]
    public void Claude_code_keeps_its_sessions_in_a_volume_of_its_own()
    {
        var mounts = WorkspaceMounts.For(Id, "claude-code", TierLimits.For(2, new()), null, "none", null);

        mounts.Binds.ShouldBe([Configs, WorkspaceVolume, Sessions]);
        mounts.Volumes.ShouldContain("ws-1a2b3c4d-5e6-claude-sessions");
    }

    [Fact]
    public void Tier_one_keeps_only_the_config_volume_and_tier_four_adds_the_engine_socket()
    {
        WorkspaceMounts.For(Id, "claude-code", TierLimits.For(1, new()), "/srv/code", "read_write", "/run/docker.sock").Binds.ShouldBe([Configs]);
        WorkspaceMounts.For(Id, "langgraph", TierLimits.For(4, new()), null, "none", "/tmp/dk/docker.sock").Binds
            .ShouldBe([Configs, WorkspaceVolume, "/tmp/dk/docker.sock:/var/run/docker.sock"]);
    }
}
