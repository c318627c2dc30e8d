using System.Net;
using System.Text;
using Molecule.Aws.Json;

namespace Molecule.Tests.Aws;

public sealed class AwsJsonErrorParserTests
{
    [Theory]
    [InlineData("""{"__type":"ResourceNotFoundException","Message":"gone"}""", "ResourceNotFoundException", "gone")]
    [InlineData("""{"__type":"com.amazonaws.kms#NotFoundException","message":"no key"}""", "NotFoundException", "no key")]
    [InlineData("""{"__type":"com.amazon.coral.service#InvalidSignatureException:http://internal.amazon.com/coral/","message":"bad"}""", "InvalidSignatureException", "bad")]
    public void Code_and_message_come_from_the_body_whatever_the_prefix_or_casing(string body, string code, string message)
    {
        var error = AwsJsonErrorParser.Parse(HttpStatusCode.BadRequest, Encoding.UTF8.GetBytes(body), null, "req-1");

        error.ErrorCode.ShouldBe(code);
        error.Message.ShouldBe(message);
        error.RequestId.ShouldBe("req-1");
        error.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public void The_query_error_header_wins_over_the_body()
    {
        var error = AwsJsonErrorParser.Parse(HttpStatusCode.BadRequest, """{"__type":"Other"}"""u8, "AWS.SimpleQueueService.NonExistentQueue;Sender", null);

        error.ErrorCode.ShouldBe("AWS.SimpleQueueService.NonExistentQueue");
        error.RequestId.ShouldBe("");
    }

    [Fact]
    public void A_body_that_is_not_json_still_gives_a_code_and_a_message()
    {
        var error = AwsJsonErrorParser.Parse(HttpStatusCode.BadGateway, "<html>bad gateway</html>"u8, null, "r");

        error.ErrorCode.ShouldBe("BadGateway");
        error.Message.ShouldContain("502");
        error.ErrorType.ShouldBe(Amazon.Runtime.ErrorType.Receiver);
    }

    [Theory]
    [InlineData("ThrottlingException", 400, true)]
    [InlineData("RequestLimitExceeded", 503, true)]
    [InlineData("TooManyRequestsException", 429, true)]
    [InlineData("SomethingElse", 500, true)]
    [InlineData("SomethingElse", 503, true)]
    [InlineData("AccessDeniedException", 400, false)]
    [InlineData("ResourceNotFoundException", 400, false)]
    [InlineData("InvalidSignatureException", 400, false)]
    public void Only_throttling_transient_codes_and_5xx_are_retried(string code, int status, bool retried)
    {
        AwsRetryableErrors.IsRetryable(new AwsJsonServiceException("m", code, "r", (HttpStatusCode)status)).ShouldBe(retried);
    }

    [Fact]
    public void A_broken_connection_is_retried_but_a_cancellation_is_not()
    {
        AwsRetryableErrors.IsRetryable(new HttpRequestException("connection refused")).ShouldBeTrue();
        AwsRetryableErrors.IsRetryable(new OperationCanceledException()).ShouldBeFalse();
    }
}
