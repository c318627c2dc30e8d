using System.Net;
using System.Reflection;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace Molecule.IntegrationTests.Secrets;

/// <summary>
/// Forwards every call to a real KMS client, except that the <see cref="FailAt"/>-th GenerateDataKey
/// (1-based) throws a KMS 500, as if KMS went down in the middle of a batch.
/// </summary>
public class FaultyKms : DispatchProxy
{
    private IAmazonKeyManagementService _inner = null!;
    private int _generateCalls;

    public int FailAt { get; private set; }

    public static IAmazonKeyManagementService Wrap(IAmazonKeyManagementService inner, int failAt)
    {
        var proxy = Create<IAmazonKeyManagementService, FaultyKms>();
        var faulty = (FaultyKms)(object)proxy;
        faulty._inner = inner;
        faulty.FailAt = failAt;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IAmazonKeyManagementService.GenerateDataKeyAsync)
            && Interlocked.Increment(ref _generateCalls) == FailAt)
        {
            throw new KMSInternalException("injected outage") { StatusCode = HttpStatusCode.InternalServerError, ErrorCode = "KMSInternalException" };
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            throw exception.InnerException;
        }
    }
}
