using Microsoft.Extensions.Configuration;
using Molecule.Server.Logging;
using Serilog.Events;

namespace Molecule.Tests.Host;

public sealed class LoggingSettingsTests
{
    [Theory]
    [InlineData(null, true, "Text")]
    [InlineData(null, false, "Json")]
    [InlineData("", false, "Json")]
    [InlineData("json", true, "Json")]
    [InlineData("JSON", true, "Json")]
    [InlineData("text", false, "Text")]
    [InlineData(" Text ", false, "Text")]
    public void The_format_follows_LOG_FORMAT_else_whether_stdout_is_a_terminal(string? configured, bool terminal, string expected) =>
        LogFormats.Choose(configured, terminal).ToString().ShouldBe(expected);

    [Fact]
    public void An_unknown_LOG_FORMAT_stops_the_boot_naming_the_variable() =>
        Should.Throw<InvalidOperationException>(() => LogFormats.Choose("yaml", false)).Message
            .ShouldBe("LOG_FORMAT must be json or text, got \"yaml\"");

    [Fact]
    public void Without_settings_the_default_is_information_and_the_framework_is_held_at_warning()
    {
        var (defaultLevel, overrides) = SerilogLevels.Read(Settings([]));

        defaultLevel.ShouldBe(LogEventLevel.Information);
        overrides.ShouldBe(new Dictionary<string, LogEventLevel> { ["Microsoft.AspNetCore"] = LogEventLevel.Warning });
    }

    [Fact]
    public void Logging_LogLevel_variables_set_the_default_and_each_category()
    {
        var (defaultLevel, overrides) = SerilogLevels.Read(Settings(new()
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Molecule.Registry"] = "Debug",
            ["Logging:LogLevel:Npgsql"] = "none",
            ["Logging:LogLevel:Molecule"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Critical",
        }));

        defaultLevel.ShouldBe(LogEventLevel.Warning);
        overrides["Molecule.Registry"].ShouldBe(LogEventLevel.Debug);
        overrides["Molecule"].ShouldBe(LogEventLevel.Verbose);
        overrides["Npgsql"].ShouldBe(SerilogLevels.Off);
        overrides["Microsoft.AspNetCore"].ShouldBe(LogEventLevel.Fatal, "set explicitly, the framework level is the operator's");
    }

    [Theory]
    [InlineData("Loud")]
    [InlineData("3")]
    [InlineData("")]
    public void A_value_that_is_no_level_stops_the_boot_naming_its_variable(string value) =>
        Should.Throw<InvalidOperationException>(() => SerilogLevels.Read(Settings(new() { ["Logging:LogLevel:Molecule.Events"] = value })))
            .Message.ShouldStartWith("Logging__LogLevel__Molecule.Events must be Trace, Debug, Information, Warning, Error, Critical or None");

    private static IConfiguration Settings(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
