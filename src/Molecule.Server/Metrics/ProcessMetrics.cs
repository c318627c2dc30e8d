using System.Diagnostics;

namespace Molecule.Server.Metrics;

/// <summary>The standard process families, so memory and CPU can be watched without another exporter.</summary>
internal static class ProcessMetrics
{
    public static void WriteTo(PrometheusTextWriter writer)
    {
        using var process = Process.GetCurrentProcess();
        writer.Family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes");
        writer.Sample("process_resident_memory_bytes", [], process.WorkingSet64);
        writer.Family("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds");
        writer.Sample("process_cpu_seconds_total", [], process.TotalProcessorTime.TotalSeconds);
        writer.Family("process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch in seconds");
        writer.Sample("process_start_time_seconds", [], new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds());
        writer.Family("dotnet_gc_heap_size_bytes", "gauge", "Managed heap size in bytes");
        writer.Sample("dotnet_gc_heap_size_bytes", [], GC.GetTotalMemory(forceFullCollection: false));
    }
}
