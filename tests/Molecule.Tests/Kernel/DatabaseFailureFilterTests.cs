using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Http;
using Npgsql;

namespace Molecule.Tests.Kernel;

public sealed class DatabaseFailureFilterTests
{
    public static TheoryData<Exception> DatabaseFailures => new()
    {
        new NpgsqlException("connection refused"),
        new TimeoutException("pool exhausted"),
    };

    [Theory]
    [MemberData(nameof(DatabaseFailures))]
    public async Task A_database_failure_answers_500_with_the_routes_text_and_not_the_exceptions(Exception failure)
    {
        var result = await InvokeAsync(new DatabaseFailureFilter("failed to list secrets"), failure);

        var error = result.ShouldBeOfType<ApiError>();
        error.StatusCode.ShouldBe(StatusCodes.Status500InternalServerError);
        error.Error.ShouldBe("failed to list secrets");
    }

    [Fact]
    public async Task Any_other_exception_is_left_to_the_hosts_exception_handler()
    {
        await Should.ThrowAsync<InvalidOperationException>(() =>
            InvokeAsync(new DatabaseFailureFilter("query failed"), new InvalidOperationException("bug")).AsTask());
    }

    [Fact]
    public async Task A_handler_that_succeeds_is_answered_unchanged()
    {
        var result = await new DatabaseFailureFilter("query failed").InvokeAsync(Context(), _ => ValueTask.FromResult<object?>("ok"));

        result.ShouldBe("ok");
    }

    private static ValueTask<object?> InvokeAsync(DatabaseFailureFilter filter, Exception failure) =>
        filter.InvokeAsync(Context(), _ => throw failure);

    private static EndpointFilterInvocationContext Context() =>
        new DefaultEndpointFilterInvocationContext(new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        });
}
