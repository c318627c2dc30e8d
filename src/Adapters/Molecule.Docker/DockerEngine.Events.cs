using System.Runtime.CompilerServices;
using Molecule.Docker.Streams;
using Molecule.Docker.Transport;
using Molecule.Docker.Wire;

namespace Molecule.Docker;

internal sealed partial class DockerEngine
{
    public async IAsyncEnumerable<DockerEvent> StreamEventsAsync(
        DockerEventFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = DockerRequest.Get("events");
        var filters = new Dictionary<string, List<string>>();
        AddFilter(filters, "type", filter.Types);
        AddFilter(filters, "label", filter.Labels);
        AddFilter(filters, "event", filter.Actions);
        AddFilter(filters, "container", filter.Containers);
        if (filters.Count > 0)
        {
            request.Query.Add("filters", FiltersJson(filters));
        }

        request.Query.Add("since", filter.Since?.ToUnixTimeSeconds());

        using var response = await _client.SendStreamingAsync(request, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var wire in JsonLines.ReadAsync(body, DockerJsonContext.Default.EventWire, cancellationToken))
        {
            yield return new DockerEvent(
                wire.Type ?? "",
                wire.Action ?? "",
                wire.Actor?.Id ?? "",
                Labels(wire.Actor?.Attributes),
                wire.Scope,
                DockerTime.FromUnixNanoseconds(wire.TimeNano, wire.Time));
        }
    }

    private static void AddFilter(Dictionary<string, List<string>> filters, string key, IReadOnlyList<string>? values)
    {
        if (values is { Count: > 0 })
        {
            filters[key] = [.. values];
        }
    }
}
