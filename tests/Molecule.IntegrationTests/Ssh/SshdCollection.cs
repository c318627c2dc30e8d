namespace Molecule.IntegrationTests.Ssh;

/// <summary>The tests on the throwaway sshd run one at a time: kind to a 2-core machine and to sshd's MaxStartups.</summary>
[CollectionDefinition(Name)]
public sealed class SshdCollection
{
    public const string Name = "sshd";
}
