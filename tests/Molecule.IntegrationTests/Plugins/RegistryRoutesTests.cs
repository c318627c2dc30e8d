using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Plugins;

public sealed class RegistryRoutesTests(PluginsApp app) : IClassFixture<PluginsApp>
{
    [Fact]
    public async Task The_registry_lists_each_plugin_directory_described_by_its_plugin_yaml()
    {
        app.AddRegistryPlugin("reg-described", new Dictionary<string, string>
        {
            ["plugin.yaml"] = "name: renamed\nversion: 2.1.0\ndescription: Described\nauthor: Ann\ntags: [x, y]\nskills: [s]\nruntimes: [langgraph]\n",
        });
        app.AddRegistryPlugin("reg-bare", new Dictionary<string, string> { ["README.md"] = "no plugin.yaml" });

        var list = await (await app.Client().GetAsync("/plugins")).ShouldBeOkAsync();

        var described = list.AsArray().Single(p => p!["name"]!.GetValue<string>() == "reg-described")!;
        described.ToJsonString().ShouldBe(
            """{"name":"reg-described","version":"2.1.0","description":"Described","author":"Ann","tags":["x","y"],"skills":["s"],"runtimes":["langgraph"]}""");
        var bare = list.AsArray().Single(p => p!["name"]!.GetValue<string>() == "reg-bare")!;
        bare.ToJsonString().ShouldBe(
            """{"name":"reg-bare","version":"","description":"","author":"","tags":null,"skills":null,"runtimes":null}""");
        list.Names().ShouldBe(list.Names().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_runtime_filter_treats_dash_and_underscore_alike_and_keeps_plugins_for_every_runtime()
    {
        app.AddRegistryPlugin("filter-cc", new Dictionary<string, string> { ["plugin.yaml"] = "runtimes: [claude-code]\n" });
        app.AddRegistryPlugin("filter-lg", new Dictionary<string, string> { ["plugin.yaml"] = "runtimes: [langgraph]\n" });
        app.AddRegistryPlugin("filter-all", new Dictionary<string, string> { ["plugin.yaml"] = "version: 1\n" });

        var names = (await (await app.Client().GetAsync("/plugins?runtime=claude_code")).ShouldBeOkAsync()).Names();

        names.ShouldContain("filter-cc");
        names.ShouldContain("filter-all");
        names.ShouldNotContain("filter-lg");
    }

    [Fact]
    public async Task Sources_list_the_schemes_without_auth()
    {
        var response = await app.Client().GetAsync("/plugins/sources");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"schemes":["github","local"]}""");
    }

    [Fact]
    public async Task A_missing_registry_directory_is_an_empty_list()
    {
        await using var empty = await PluginsApp.BootAsync(new Dictionary<string, string?> { ["PLUGINS_DIR"] = "/nonexistent/molecule-plugins" });

        (await empty.Client().GetStringAsync("/plugins")).ShouldBe("[]");
    }
}
