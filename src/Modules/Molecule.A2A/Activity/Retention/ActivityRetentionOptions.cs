using Microsoft.Extensions.Configuration;

namespace Molecule.A2A.Activity.Retention;

/// <summary>How long activity rows are kept and how often old ones are deleted (the reference's variables).</summary>
internal sealed class ActivityRetentionOptions
{
    [ConfigurationKeyName("ACTIVITY_RETENTION_DAYS")]
    public int RetentionDays { get; set; } = 7;

    [ConfigurationKeyName("ACTIVITY_CLEANUP_INTERVAL_HOURS")]
    public int CleanupIntervalHours { get; set; } = 6;

    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);

    public TimeSpan CleanupInterval => TimeSpan.FromHours(CleanupIntervalHours);
}
