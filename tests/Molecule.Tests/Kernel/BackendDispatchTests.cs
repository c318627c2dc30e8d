using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;

namespace Molecule.Tests.Kernel;

public sealed class BackendDispatchTests
{
    private static WorkspaceRef Workspace(string? instanceId, Backend computeBackend) =>
        new(Guid.NewGuid(), "w", "langgraph", 2, WorkspaceStatus.Online, instanceId, null, null, computeBackend);

    [Theory]
    [InlineData(null, Backend.Docker, Backend.Docker)]
    [InlineData("", Backend.Docker, Backend.Docker)]
    [InlineData(null, Backend.Ec2, Backend.Ec2)]
    [InlineData("  ", Backend.Ec2, Backend.Ec2)]
    [InlineData("i-0abc", Backend.Docker, Backend.Ec2)]
    [InlineData("i-0abc", Backend.Ec2, Backend.Ec2)]
    public void An_instance_means_ec2_otherwise_the_row_decides(string? instanceId, Backend computeBackend, Backend expected)
    {
        BackendDispatch.For(instanceId, computeBackend).ShouldBe(expected);
        Workspace(instanceId, computeBackend).Backend.ShouldBe(expected);
    }

    [Fact]
    public void The_stored_names_round_trip_and_nothing_else_parses()
    {
        foreach (var backend in Enum.GetValues<Backend>())
        {
            BackendDispatch.Parse(backend.ToWire()).ShouldBe(backend);
        }

        BackendDispatch.TryParse("kubernetes", out _).ShouldBeFalse();
        BackendDispatch.TryParse("EC2", out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => BackendDispatch.Parse(null));
    }

    [Fact]
    public async Task Not_available_on_a_backend_is_one_501_with_the_error_field()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        var handled = await new BackendNotAvailableHandler().TryHandleAsync(
            context, new BackendNotAvailableException("plugin install", Backend.Ec2), CancellationToken.None);

        handled.ShouldBeTrue();
        context.Response.StatusCode.ShouldBe(StatusCodes.Status501NotImplemented);
        context.Response.Body.Position = 0;
        var body = JsonNode.Parse(context.Response.Body)!;
        body["error"]!.GetValue<string>().ShouldBe("plugin install is not available on the ec2 backend");
        body["status"]!.GetValue<int>().ShouldBe(501);
    }

    [Fact]
    public async Task Other_exceptions_are_left_to_the_next_handler()
    {
        var context = new DefaultHttpContext();
        (await new BackendNotAvailableHandler().TryHandleAsync(context, new InvalidOperationException("x"), CancellationToken.None)).ShouldBeFalse();
    }
}
