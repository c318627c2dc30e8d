using System.Security.Cryptography;
using System.Text;
using Molecule.Plugins.Staging;

namespace Molecule.Tests.Plugins;

public sealed class PluginDigestTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("plugin-digest-test-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_digest_hashes_sorted_path_nul_content_strings_without_the_root_manifest()
    {
        Write("plugin.yaml", "name: p\n");
        Write("skills/b/SKILL.md", "b");
        Write("skills/a.md", "a");
        Write("sub/manifest.json", "{\"nested\":true}");
        Write(".hidden", "dot");
        Write("é.txt", "accent");
        Write("manifest.json", "{}");
        Directory.CreateDirectory(Path.Combine(_root, "empty-dir"));

        var digest = await PluginDigest.ComputeAsync(StagedFiles.List(_root), default);

        // The rule as the reference states it: build every string, sort byte-wise, concatenate, hash.
        var strings = new[]
        {
            ("plugin.yaml", "name: p\n"), ("skills/b/SKILL.md", "b"), ("skills/a.md", "a"),
            ("sub/manifest.json", "{\"nested\":true}"), (".hidden", "dot"), ("é.txt", "accent"),
        }.Select(file => Encoding.UTF8.GetBytes($"{file.Item1}\0{file.Item2}")).ToList();
        strings.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        var expected = Convert.ToHexStringLower(SHA256.HashData(strings.SelectMany(bytes => bytes).ToArray()));
        digest.ShouldBe(expected);
    }

    [Fact]
    public async Task Without_a_manifest_or_without_its_sha256_key_the_check_passes()
    {
        Write("plugin.yaml", "name: p\n");
        (await HoldsAsync()).ShouldBeTrue();

        Write("manifest.json", "{\"name\":\"p\"}");
        (await HoldsAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task A_matching_digest_passes_in_either_case_and_anything_else_fails()
    {
        Write("plugin.yaml", "name: p\n");
        var digest = await PluginDigest.ComputeAsync(StagedFiles.List(_root), default);

        Write("manifest.json", $"{{\"sha256\":\"{digest.ToUpperInvariant()}\"}}");
        (await HoldsAsync()).ShouldBeTrue();

        Write("manifest.json", $"{{\"sha256\":\"{new string('0', 64)}\"}}");
        (await HoldsAsync()).ShouldBeFalse();

        Write("manifest.json", "{\"sha256\":42}");
        (await HoldsAsync()).ShouldBeFalse();

        Write("manifest.json", "{\"sha256\":null}");
        (await HoldsAsync()).ShouldBeFalse();

        Write("manifest.json", "not json");
        (await HoldsAsync()).ShouldBeFalse();

        Write("manifest.json", "[]");
        (await HoldsAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task The_callers_pin_is_the_sha256_of_plugin_yaml()
    {
        (await SupplyChainChecks.PluginYamlPinProblemAsync(_root, "abc", default))
            .ShouldBe("sha256 check failed: plugin.yaml not found in staged plugin");

        Write("plugin.yaml", "name: p\n");
        var actual = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("name: p\n")));
        (await SupplyChainChecks.PluginYamlPinProblemAsync(_root, actual.ToUpperInvariant(), default)).ShouldBeNull();
        (await SupplyChainChecks.PluginYamlPinProblemAsync(_root, "deadbeef", default))
            .ShouldBe($"sha256 mismatch: expected deadbeef, got {actual}");
    }

    [Fact]
    public void Staged_files_are_listed_in_utf8_byte_order_with_dotfiles()
    {
        Write("b", "");
        Write("a/z", "");
        Write(".x", "");
        Write("\uFF21", "");
        Write("\U0001F600", "");

        StagedFiles.List(_root).Select(entry => entry.RelativePath)
            .ShouldBe([".x", "a", "a/z", "b", "\uFF21", "\U0001F600"]);
    }

    private Task<bool> HoldsAsync() => SupplyChainChecks.ManifestDigestHoldsAsync(_root, StagedFiles.List(_root), default);

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
