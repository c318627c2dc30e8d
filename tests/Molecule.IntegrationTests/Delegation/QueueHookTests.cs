using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Molecule.A2A.Delegation.QueueDrain;
using Molecule.A2A.Proxy;
using Molecule.A2A.Queue;
using Molecule.IntegrationTests.Activity;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Delegation;

/// <summary>The hook the A2A queue drain calls when it settles a queued delegation.</summary>
public sealed class QueueHookTests(ActivityApp app) : IClassFixture<ActivityApp>
{
    private IDelegationQueueHook Hook => app.Services.GetRequiredService<IDelegationQueueHook>();

    private async Task<(Guid Source, Guid Target, string DelegationId)> QueuedDelegationAsync()
    {
        var source = await app.SeedWorkspaceAsync("waiting-source");
        var target = await app.SeedWorkspaceAsync("waiting-target");
        var delegationId = Guid.NewGuid().ToString();
        await app.Admin().PostJsonAsync($"/workspaces/{source}/delegations/record", new { target_id = target, task = "t", delegation_id = delegationId });
        await app.ExecuteSqlAsync($"UPDATE activity_logs SET status = 'queued' WHERE workspace_id = '{source}'");
        return (source, target, delegationId);
    }

    private static QueuedMessage Message(Guid source, Guid target, string? key) =>
        new(Guid.NewGuid(), target, source, """{"jsonrpc":"2.0"}""", "message/send", key, 1);

    private static ProxyActivity Delivery(Guid target, Guid source, string body, int status = 200) =>
        new(target, "waiting-target", source, "message/send", [], new RelayedResponse(status, Encoding.UTF8.GetBytes(body), false, true), null, 7);

    [Fact]
    public async Task A_drained_delegation_completes_via_the_queue()
    {
        var (source, target, delegationId) = await QueuedDelegationAsync();

        await Hook.DeliveredAsync(Message(source, target, delegationId),
            Delivery(target, source, """{"jsonrpc":"2.0","result":{"parts":[{"kind":"text","text":"late answer"}]}}"""), default);

        app.Events.Of("DELEGATION_COMPLETE", source).ShouldHaveSingleItem().ToJsonString().ShouldBe(
            $$"""{"delegation_id":"{{delegationId}}","target_id":"{{target}}","response_preview":"late answer","via":"queue_drain"}""");
        (await app.DelegateRowAsync(source, delegationId))["status"]!.GetValue<string>().ShouldBe("completed");
    }

    [Fact]
    public async Task An_agent_error_or_giving_up_fails_the_delegation()
    {
        var (source, target, delegationId) = await QueuedDelegationAsync();

        await Hook.DeliveredAsync(Message(source, target, delegationId), Delivery(target, source, """{"error":"no"}""", 400), default);

        var failed = app.Events.Of("DELEGATION_FAILED", source).ShouldHaveSingleItem();
        failed["error"]!.GetValue<string>().ShouldBe("agent answered 400: no");

        var (source2, target2, delegationId2) = await QueuedDelegationAsync();
        await Hook.GaveUpAsync(Message(source2, target2, delegationId2), "gave up after 5 attempts", default);
        app.Events.Of("DELEGATION_FAILED", source2).ShouldHaveSingleItem()["error"]!.GetValue<string>().ShouldBe("gave up after 5 attempts");
    }

    [Fact]
    public async Task Ordinary_messages_and_settled_delegations_are_left_alone()
    {
        var (source, target, delegationId) = await QueuedDelegationAsync();
        var answer = Delivery(target, source, """{"result":"x"}""");

        await Hook.DeliveredAsync(Message(source, target, null), answer, default);
        await Hook.DeliveredAsync(Message(source, target, "some-other-message"), answer, default);
        await Hook.DeliveredAsync(new QueuedMessage(Guid.NewGuid(), target, null, "{}", null, delegationId, 1), answer, default);
        app.EventTypesOf(source).ShouldBe(["DELEGATION_SENT"]);

        await Hook.DeliveredAsync(Message(source, target, delegationId), answer, default);
        await Hook.DeliveredAsync(Message(source, target, delegationId), answer, default);
        app.Events.Of("DELEGATION_COMPLETE", source).Count.ShouldBe(1);
    }
}
