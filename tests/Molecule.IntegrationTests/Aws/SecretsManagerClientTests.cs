using System.Net;
using Molecule.Aws.Json;
using Molecule.Aws.SecretsManager.Model;
using Molecule.Testing.Aws;

namespace Molecule.IntegrationTests.Aws;

/// <summary>Our thin Secrets Manager client (JSON 1.1, AWSSDK.Core signer, Polly retries) against the fake.</summary>
public sealed class SecretsManagerClientTests : IAsyncLifetime
{
    private AwsClientsHarness _aws = null!;

    private FakeSecretsManager Fake => _aws.Aws.SecretsManager;

    public async Task InitializeAsync() => _aws = await AwsClientsHarness.StartAsync();

    public async Task DisposeAsync() => await _aws.DisposeAsync();

    [Fact]
    public async Task Create_get_put_describe_and_delete_go_through_the_real_wire_format()
    {
        var created = await _aws.SecretsManager.CreateSecretAsync(new CreateSecretRequest
        {
            Name = "molecule/test/ws-1/bootstrap", SecretString = """{"token":"t1"}""", Description = "bootstrap",
            Tags = [new Tag { Key = "WorkspaceID", Value = "ws-1" }],
        });
        created.ARN.ShouldStartWith("arn:aws:secretsmanager:us-east-1:");
        created.VersionId.ShouldNotBeNullOrEmpty();
        Fake.CurrentValue("molecule/test/ws-1/bootstrap").ShouldBe("""{"token":"t1"}""");
        Fake.TagsOf("molecule/test/ws-1/bootstrap")!["WorkspaceID"].ShouldBe("ws-1");

        var put = await _aws.SecretsManager.PutSecretValueAsync(new PutSecretValueRequest { SecretId = created.ARN, SecretString = """{"token":"t2"}""" });
        put.VersionStages.ShouldBe(["AWSCURRENT"]);
        put.VersionId.ShouldNotBe(created.VersionId);

        var read = await _aws.SecretsManager.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "molecule/test/ws-1/bootstrap" });
        read.SecretString.ShouldBe("""{"token":"t2"}""");
        read.VersionId.ShouldBe(put.VersionId);
        read.CreatedDate.ShouldNotBeNull().Year.ShouldBeGreaterThan(2020);
        var previous = await _aws.SecretsManager.GetSecretValueAsync(new GetSecretValueRequest { SecretId = created.Name, VersionStage = "AWSPREVIOUS" });
        previous.SecretString.ShouldBe("""{"token":"t1"}""");

        var described = await _aws.SecretsManager.DescribeSecretAsync(new DescribeSecretRequest { SecretId = created.Name });
        described.Description.ShouldBe("bootstrap");
        described.Tags.ShouldNotBeNull().ShouldHaveSingleItem().Value.ShouldBe("ws-1");
        described.VersionIdsToStages.ShouldNotBeNull()[put.VersionId!].ShouldBe(["AWSCURRENT"]);
        described.DeletedDate.ShouldBeNull();

        var deleted = await _aws.SecretsManager.DeleteSecretAsync(new DeleteSecretRequest { SecretId = created.Name, ForceDeleteWithoutRecovery = true });
        deleted.Name.ShouldBe(created.Name);
        Fake.Names.ShouldBeEmpty();
        var missing = await Should.ThrowAsync<AwsJsonServiceException>(() => _aws.SecretsManager.GetSecretValueAsync(new GetSecretValueRequest { SecretId = created.Name }));
        missing.ErrorCode.ShouldBe("ResourceNotFoundException");
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        missing.RequestId.ShouldNotBeNullOrEmpty();
        missing.Message.ShouldContain("can't find");
    }

    [Fact]
    public async Task A_second_create_of_the_same_name_is_ResourceExists_and_a_scheduled_delete_blocks_reads()
    {
        await _aws.SecretsManager.CreateSecretAsync(new CreateSecretRequest { Name = "dup", SecretString = "a" });

        (await Should.ThrowAsync<AwsJsonServiceException>(() => _aws.SecretsManager.CreateSecretAsync(new CreateSecretRequest { Name = "dup", SecretString = "b" })))
            .ErrorCode.ShouldBe("ResourceExistsException");

        var scheduled = await _aws.SecretsManager.DeleteSecretAsync(new DeleteSecretRequest { SecretId = "dup", RecoveryWindowInDays = 7 });
        scheduled.DeletionDate.ShouldNotBeNull().ShouldBeGreaterThan(DateTime.UtcNow.AddDays(6));
        (await _aws.SecretsManager.DescribeSecretAsync(new DescribeSecretRequest { SecretId = "dup" })).DeletedDate.ShouldNotBeNull();
        (await Should.ThrowAsync<AwsJsonServiceException>(() => _aws.SecretsManager.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "dup" })))
            .ErrorCode.ShouldBe("InvalidRequestException");
    }

    [Fact]
    public async Task ListSecrets_filters_by_tag_and_pages()
    {
        for (var i = 0; i < 3; i++)
        {
            await _aws.SecretsManager.CreateSecretAsync(new CreateSecretRequest
            {
                Name = $"molecule/ws-{i}", SecretString = "v", Tags = [new Tag { Key = "Environment", Value = i < 2 ? "test" : "prod" }],
            });
        }

        var names = new List<string>();
        string? token = null;
        for (var page = 0; page < 5; page++)
        {
            var response = await _aws.SecretsManager.ListSecretsAsync(new ListSecretsRequest
            {
                Filters = [new Filter { Key = "tag-key", Values = ["Environment"] }, new Filter { Key = "tag-value", Values = ["test"] }],
                MaxResults = 1,
                NextToken = token,
            });
            names.AddRange(response.SecretList!.Select(s => s.Name!));
            token = response.NextToken;
            if (token is null)
            {
                break;
            }
        }

        names.ShouldBe(["molecule/ws-0", "molecule/ws-1"]);
        token.ShouldBeNull();
    }

    [Fact]
    public async Task Throttled_twice_then_success_and_the_client_token_is_the_same_on_every_attempt()
    {
        Fake.Faults.FailNext("CreateSecret", "ThrottlingException", times: 2);
        var request = new CreateSecretRequest { Name = "throttled", SecretString = "v" };

        var created = await _aws.SecretsManager.CreateSecretAsync(request);

        Fake.Calls.Count(c => c == "CreateSecret").ShouldBe(3);
        created.VersionId.ShouldBe(request.ClientRequestToken);
        Fake.CurrentValue("throttled").ShouldBe("v");
    }

    [Fact]
    public async Task Server_errors_are_retried_but_only_up_to_the_attempt_budget()
    {
        Fake.Faults.FailNext("GetSecretValue", "InternalServiceError", times: 3);
        Fake.Seed("s", "v");

        var error = await Should.ThrowAsync<AwsJsonServiceException>(() => _aws.SecretsManager.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "s" }));

        error.ErrorCode.ShouldBe("InternalServiceError");
        error.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        Fake.Calls.Count(c => c == "GetSecretValue").ShouldBe(3);
        (await _aws.SecretsManager.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "s" })).SecretString.ShouldBe("v");
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        Fake.Faults.FailNext("DescribeSecret", "AccessDeniedException", times: 1);

        (await Should.ThrowAsync<AwsJsonServiceException>(() => _aws.SecretsManager.DescribeSecretAsync(new DescribeSecretRequest { SecretId = "x" })))
            .ErrorCode.ShouldBe("AccessDeniedException");
        Fake.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_request_signed_with_the_wrong_secret_is_refused_and_the_code_and_request_id_surface()
    {
        await using var wrong = await AwsClientsHarness.StartAsync(configure: c => c["AWS_SECRET_ACCESS_KEY"] = "not-the-secret");

        var error = await Should.ThrowAsync<AwsJsonServiceException>(() =>
            wrong.SecretsManager.CreateSecretAsync(new CreateSecretRequest { Name = "n", SecretString = "v" }));

        error.ErrorCode.ShouldBe("InvalidSignatureException");
        error.Message.ShouldContain("signature we calculated does not match");
        error.RequestId.ShouldNotBeNullOrEmpty();
        wrong.Aws.SecretsManager.RejectedSignatures.ShouldBe(1);
        wrong.Aws.SecretsManager.Names.ShouldBeEmpty();
    }
}
