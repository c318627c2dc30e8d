using System.Collections.Concurrent;
using System.Globalization;

namespace Molecule.Server.Metrics;

/// <summary>
/// Request counts and a latency histogram per (method, route template, status). Labels are bounded:
/// templates, not paths, and unusual methods folded into <c>OTHER</c>.
/// </summary>
internal sealed class HttpRequestMetrics
{
    public const string RequestsTotal = "molecule_http_requests_total";
    public const string Duration = "molecule_http_request_duration_seconds";

    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private static readonly HashSet<string> KnownMethods =
        new(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"], StringComparer.Ordinal);

    private readonly ConcurrentDictionary<(string Method, string Route, int Status), Series> _series = new();

    public void Record(string method, string route, int status, TimeSpan elapsed)
    {
        var key = (KnownMethods.Contains(method) ? method : "OTHER", route, status);
        _series.GetOrAdd(key, static _ => new Series()).Observe(elapsed.TotalSeconds);
    }

    public void WriteTo(PrometheusTextWriter writer)
    {
        var snapshot = _series
            .Select(pair => (pair.Key, Values: pair.Value.Snapshot()))
            .OrderBy(s => s.Key.Route, StringComparer.Ordinal)
            .ThenBy(s => s.Key.Method, StringComparer.Ordinal)
            .ThenBy(s => s.Key.Status)
            .ToList();

        writer.Family(RequestsTotal, "counter", "HTTP requests answered, by method, route template and status");
        foreach (var (key, values) in snapshot)
        {
            writer.Sample(RequestsTotal, Labels(key), values.Count);
        }

        writer.Family(Duration, "histogram", "HTTP request duration in seconds, by method, route template and status");
        foreach (var (key, values) in snapshot)
        {
            var labels = Labels(key);
            long cumulative = 0;
            for (var i = 0; i < Buckets.Length; i++)
            {
                cumulative += values.BucketCounts[i];
                writer.Sample(Duration + "_bucket", [.. labels, new MetricLabel("le", PrometheusTextWriter.FormatValue(Buckets[i]))], cumulative);
            }

            writer.Sample(Duration + "_bucket", [.. labels, new MetricLabel("le", "+Inf")], values.Count);
            writer.Sample(Duration + "_sum", labels, values.Sum);
            writer.Sample(Duration + "_count", labels, values.Count);
        }
    }

    private static MetricLabel[] Labels((string Method, string Route, int Status) key) =>
    [
        new("method", key.Method),
        new("route", key.Route),
        new("status", key.Status.ToString(CultureInfo.InvariantCulture)),
    ];

    private readonly record struct SeriesSnapshot(long Count, double Sum, long[] BucketCounts);

    /// <summary>One label set's histogram; bucket counts are per bucket and summed up when written.</summary>
    private sealed class Series
    {
        private readonly Lock _gate = new();
        private readonly long[] _bucketCounts = new long[Buckets.Length];
        private long _count;
        private double _sum;

        public void Observe(double seconds)
        {
            var bucket = 0;
            while (bucket < Buckets.Length && seconds > Buckets[bucket])
            {
                bucket++;
            }

            lock (_gate)
            {
                _count++;
                _sum += seconds;
                if (bucket < Buckets.Length)
                {
                    _bucketCounts[bucket]++;
                }
            }
        }

        public SeriesSnapshot Snapshot()
        {
            lock (_gate)
            {
                return new SeriesSnapshot(_count, _sum, (long[])_bucketCounts.Clone());
            }
        }
    }
}
