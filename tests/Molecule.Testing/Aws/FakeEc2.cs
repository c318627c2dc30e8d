using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Molecule.Testing.Aws;

/// <summary>
/// The EC2 Query API on 127.0.0.1 (protocols.md §3): form-encoded <c>Action=…</c> requests, every one
/// SigV4-verified, answered with the XML shapes and namespace the SDK parses. It models instances
/// (pending → running after <see cref="BootDelay"/>, stopping → stopped, shutting-down → terminated,
/// terminated ones visible for <see cref="TerminatedRetention"/>) on the injected clock, security
/// groups with their dependency on instances, tags, Instance Connect endpoints and console output.
/// Tests steer it with <see cref="Faults"/>, <see cref="Vanish"/> and <see cref="HoldTransitions"/>.
/// </summary>
public sealed partial class FakeEc2 : IAsyncDisposable
{
    public const string XmlNamespace = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static readonly XNamespace Ns = XmlNamespace;

    private readonly SigV4Verifier _verifier;
    private readonly TimeProvider _time;
    private readonly Lock _sync = new();
    private readonly ConcurrentQueue<string> _calls = new();
    private WebApplication? _app;
    private int _rejectedSignatures;

    private FakeEc2(SigV4Verifier verifier, TimeProvider time, string region)
    {
        _verifier = verifier;
        _time = time;
        Region = region;
        AvailabilityZone = region + "a";
    }

    public string Url { get; private set; } = "";

    public string Region { get; }

    public string AvailabilityZone { get; }

    public string AccountId { get; init; } = "123456789012";

    public string DefaultVpcId { get; init; } = "vpc-0f00000000000000a";

    public string DefaultSubnetId { get; init; } = "subnet-0f0000000000000a";

    /// <summary>How long a launched or started instance stays <c>pending</c>.</summary>
    public TimeSpan BootDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a stopping instance takes to be <c>stopped</c>.</summary>
    public TimeSpan StopDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a terminating instance stays <c>shutting-down</c>.</summary>
    public TimeSpan TerminateDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a terminated instance still shows in DescribeInstances (AWS: about an hour).</summary>
    public TimeSpan TerminatedRetention { get; set; } = TimeSpan.FromHours(1);

    public AwsFaults Faults { get; } = new();

    /// <summary>Every correctly signed call's Action, in arrival order (faulted ones included).</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    public int RejectedSignatures => Volatile.Read(ref _rejectedSignatures);

    /// <summary>Raised (on the request's thread) for every instance RunInstances really launched.</summary>
    public event Action<FakeEc2Instance>? Launched;

    public static async Task<FakeEc2> StartAsync(SigV4Verifier verifier, TimeProvider? time = null, string region = "us-east-1")
    {
        var fake = new FakeEc2(verifier, time ?? TimeProvider.System, region);
        (fake._app, fake.Url) = await FakeAwsHost.StartAsync(fake.HandleAsync);
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await FakeAwsHost.StopAsync(_app);
        }
    }

    internal static FakeAwsException Error(string code, string message, int status = 400) => new(code, message, status);

    private async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString("D");
        var (verdict, body) = await _verifier.VerifyAsync(context.Request, "ec2", Region);
        if (!verdict.IsValid)
        {
            Interlocked.Increment(ref _rejectedSignatures);
            var (code, status) = verdict.Failure switch
            {
                SigV4Failure.Missing => ("MissingAuthenticationToken", 401),
                SigV4Failure.UnknownAccessKey or SigV4Failure.InvalidSessionToken => ("AuthFailure", 401),
                SigV4Failure.Expired => ("RequestExpired", 400),
                SigV4Failure.Malformed or SigV4Failure.WrongScope => ("IncompleteSignature", 400),
                _ => ("SignatureDoesNotMatch", 403),
            };
            await WriteErrorAsync(context, new FakeAwsException(code, verdict.Message, status), requestId);
            return;
        }

        var parameters = Ec2QueryParameters.Parse(Encoding.UTF8.GetString(body));
        var action = parameters.Get("Action") ?? "";
        _calls.Enqueue(action);
        try
        {
            if (Faults.Take(action) is { } planned)
            {
                throw planned;
            }

            var launched = new List<FakeEc2Instance>();
            XElement[] content;
            lock (_sync)
            {
                content = Dispatch(action, parameters, launched);
            }

            foreach (var instance in launched)
            {
                Launched?.Invoke(instance);
            }

            var document = new XElement(Ns + (action + "Response"), [new XElement(Ns + "requestId", requestId), .. content]);
            context.Response.ContentType = "text/xml;charset=UTF-8";
            await context.Response.WriteAsync(document.ToString(SaveOptions.DisableFormatting), Encoding.UTF8);
        }
        catch (FakeAwsException e)
        {
            await WriteErrorAsync(context, e, requestId);
        }
    }

    private XElement[] Dispatch(string action, Ec2QueryParameters parameters, List<FakeEc2Instance> launched) => action switch
    {
        "RunInstances" => RunInstances(parameters, launched),
        "DescribeInstances" => DescribeInstances(parameters),
        "StartInstances" => ChangeStates(parameters, InstanceAction.Start),
        "StopInstances" => ChangeStates(parameters, InstanceAction.Stop),
        "TerminateInstances" => ChangeStates(parameters, InstanceAction.Terminate),
        "GetConsoleOutput" => GetConsoleOutput(parameters),
        "CreateSecurityGroup" => CreateSecurityGroup(parameters),
        "AuthorizeSecurityGroupIngress" => AuthorizeSecurityGroupIngress(parameters),
        "DeleteSecurityGroup" => DeleteSecurityGroup(parameters),
        "DescribeSecurityGroups" => DescribeSecurityGroups(parameters),
        "CreateTags" => CreateTags(parameters),
        "DescribeInstanceConnectEndpoints" => DescribeInstanceConnectEndpoints(parameters),
        "" => throw Error("MissingAction", "The request must contain the parameter Action"),
        _ => throw Error("InvalidAction", $"The action {action} is not valid for this web service."),
    };

    private static Task WriteErrorAsync(HttpContext context, FakeAwsException error, string requestId)
    {
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = "text/xml;charset=UTF-8";
        var document = new XElement("Response",
            new XElement("Errors", new XElement("Error", new XElement("Code", error.Code), new XElement("Message", error.Message))),
            new XElement("RequestID", requestId));
        return context.Response.WriteAsync(document.ToString(SaveOptions.DisableFormatting), Encoding.UTF8);
    }

    private static XElement El(string name, params object?[] content) => new(Ns + name, content);

    private static XElement Set(string name, IEnumerable<XElement> items) => El(name, items.ToArray<object?>());

    private static XElement Item(params object?[] content) => El("item", content);

    private static XElement TagSet(IReadOnlyDictionary<string, string> tags) =>
        Set("tagSet", tags.Select(t => Item(El("key", t.Key), El("value", t.Value))));

    private static string IsoTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string NewId(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(9))[..17];

    /// <summary>Matches an EC2 filter value, where <c>*</c> is any run of characters and <c>?</c> any one.</summary>
    private static bool FilterMatches(string? actual, IEnumerable<string> patterns) =>
        actual is not null && patterns.Any(p => System.Text.RegularExpressions.Regex.IsMatch(
            actual, "^" + System.Text.RegularExpressions.Regex.Escape(p).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$"));

    private static Dictionary<string, string> TagsFor(Ec2QueryParameters parameters, string resourceType) =>
        parameters.Structs("TagSpecification")
            .Where(spec => spec.Get("ResourceType") == resourceType)
            .SelectMany(spec => spec.Structs("Tag"))
            .GroupBy(tag => tag.Required("Key"), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Get("Value") ?? "", StringComparer.Ordinal);
}
