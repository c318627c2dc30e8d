using Molecule.Testing;

namespace Molecule.IntegrationTests.Docker;

/// <summary>Every test on the private dockerd shares one engine and runs one at a time.</summary>
[CollectionDefinition(DockerEngineFixture.Collection)]
public sealed class DockerCollection : ICollectionFixture<DockerEngineFixture>;
