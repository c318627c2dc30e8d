using Molecule.Ssh;

namespace Molecule.Tests.Ssh;

/// <summary>Remote commands are built from user paths: every word must come back as exactly itself.</summary>
public sealed class PosixShellTests
{
    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("", "''")]
    [InlineData("with space", "'with space'")]
    [InlineData("it's", @"'it'\''s'")]
    [InlineData("''", @"''\'''\'''")]
    [InlineData("line\nbreak", "'line\nbreak'")]
    [InlineData("$HOME and ${PATH}", "'$HOME and ${PATH}'")]
    [InlineData("`id` $(id)", "'`id` $(id)'")]
    [InlineData(@"back\slash", @"'back\slash'")]
    [InlineData("*.txt ?[a]", "'*.txt ?[a]'")]
    [InlineData("\"double\"", "'\"double\"'")]
    [InlineData("-rf", "'-rf'")]
    [InlineData("a;b|c&d>e<f", "'a;b|c&d>e<f'")]
    public void Quote_wraps_the_word_in_single_quotes_and_escapes_only_single_quotes(string word, string quoted) =>
        PosixShell.Quote(word).ShouldBe(quoted);

    [Fact]
    public void A_nul_cannot_be_quoted_because_no_shell_argument_can_carry_it() =>
        Should.Throw<ArgumentException>(() => PosixShell.Quote("a\0b"));

    [Theory]
    [InlineData("-rf", "'./-rf'")]
    [InlineData("--help x", "'./--help x'")]
    [InlineData("/abs/-x", "'/abs/-x'")]
    [InlineData("dir/-x", "'dir/-x'")]
    [InlineData("plain.txt", "'plain.txt'")]
    public void QuotePath_turns_a_leading_dash_into_a_relative_path_so_it_is_never_an_option(string path, string quoted) =>
        PosixShell.QuotePath(path).ShouldBe(quoted);

    [Fact]
    public void Join_quotes_every_word() =>
        PosixShell.Join("install", "-D", "/opt/configs/it's here").ShouldBe(@"'install' '-D' '/opt/configs/it'\''s here'");
}
