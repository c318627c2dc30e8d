using System.Text.Json.Nodes;
using Molecule.Docker;

namespace Molecule.Provisioner.Docker;

/// <summary>
/// Folds the engine's per-layer pull lines into one summary (layers done of total, bytes downloaded
/// of known total) and decides when a summary is worth sending: at most once per interval, so a
/// pull of many layers does not flood the canvas.
/// </summary>
internal sealed class PullProgress(string image, TimeProvider clock, TimeSpan interval)
{
    private readonly Dictionary<string, Layer> _layers = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSent = DateTimeOffset.MinValue;

    /// <summary>Takes one line; returns a payload when one is due.</summary>
    public JsonObject? Observe(DockerPullProgress line)
    {
        if (string.IsNullOrEmpty(line.LayerId) || string.IsNullOrEmpty(line.Status))
        {
            return null;
        }

        var layer = _layers.TryGetValue(line.LayerId, out var known) ? known : new Layer();
        _layers[line.LayerId] = Apply(layer, line);

        var now = clock.GetUtcNow();
        if (now - _lastSent < interval)
        {
            return null;
        }

        _lastSent = now;
        return Snapshot();
    }

    public JsonObject Snapshot() => new()
    {
        ["stage"] = ProvisionProgress.PullingImage,
        ["image"] = image,
        ["layers_done"] = _layers.Values.Count(layer => layer.Done),
        ["layers_total"] = _layers.Count,
        ["downloaded_bytes"] = _layers.Values.Sum(layer => layer.Downloaded),
        ["total_bytes"] = _layers.Values.Sum(layer => layer.Total),
    };

    private static Layer Apply(Layer layer, DockerPullProgress line) => line.Status switch
    {
        "Downloading" => layer with { Downloaded = line.Current ?? layer.Downloaded, Total = line.Total is > 0 ? line.Total.Value : layer.Total },
        "Download complete" or "Verifying Checksum" => layer with { Downloaded = layer.Total },
        "Pull complete" or "Already exists" => layer with { Downloaded = layer.Total, Done = true },
        _ => layer,
    };

    private sealed record Layer(long Downloaded = 0, long Total = 0, bool Done = false);
}
