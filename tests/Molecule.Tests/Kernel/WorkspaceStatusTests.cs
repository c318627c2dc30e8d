using Molecule.Kernel.Workspaces;

namespace Molecule.Tests.Kernel;

public sealed class WorkspaceStatusTests
{
    [Fact]
    public void Every_status_round_trips_through_its_wire_name()
    {
        foreach (var status in Enum.GetValues<WorkspaceStatus>())
        {
            WorkspaceStatuses.Parse(status.ToWire()).ShouldBe(status);
        }
    }

    [Fact]
    public void The_two_values_missing_from_the_reference_enum_have_their_reference_spelling()
    {
        WorkspaceStatus.AwaitingAgent.ToWire().ShouldBe("awaiting_agent");
        WorkspaceStatus.Hibernating.ToWire().ShouldBe("hibernating");
        Enum.GetValues<WorkspaceStatus>().Length.ShouldBe(10);
    }

    [Fact]
    public void An_unknown_wire_name_is_refused()
    {
        WorkspaceStatuses.TryParse("zombie", out _).ShouldBeFalse();
    }
}
