using System.Text;
using Molecule.A2A.Proxy;

namespace Molecule.Tests.A2A;

public sealed class JsonRpcRequestTests
{
    private static JsonRpcRequest? Normalize(string json) => JsonRpcRequest.Normalize(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_canvas_body_without_an_envelope_is_wrapped_and_given_ids()
    {
        var request = Normalize("""{"method":"message/send","params":{"message":{"role":"user","parts":[{"kind":"text","text":"hi"}]}}}""")!;

        request.Body["jsonrpc"]!.GetValue<string>().ShouldBe("2.0");
        Guid.TryParse(request.Body["id"]!.GetValue<string>(), out _).ShouldBeTrue();
        request.Method.ShouldBe("message/send");
        request.MessageId.ShouldNotBeNullOrEmpty();
        request.Body["params"]!["message"]!["messageId"]!.GetValue<string>().ShouldBe(request.MessageId);
        request.Body["params"]!["message"]!["parts"]![0]!["text"]!.GetValue<string>().ShouldBe("hi");
    }

    [Fact]
    public void A_full_json_rpc_body_keeps_its_id_and_message_id()
    {
        var request = Normalize("""{"jsonrpc":"2.0","id":7,"method":"message/send","params":{"message":{"messageId":"m-1","parts":[]}}}""")!;

        request.Body["id"]!.GetValue<int>().ShouldBe(7);
        request.MessageId.ShouldBe("m-1");
    }

    [Fact]
    public void An_empty_message_id_is_replaced()
    {
        Normalize("""{"jsonrpc":"2.0","method":"m","params":{"message":{"messageId":""}}}""")!.MessageId.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void A_body_without_a_message_has_no_message_id()
    {
        var request = Normalize("""{"jsonrpc":"2.0","id":"1","method":"tasks/get","params":{"id":"t"}}""")!;

        request.MessageId.ShouldBeNull();
        request.Method.ShouldBe("tasks/get");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("")]
    public void Anything_but_a_json_object_is_invalid(string body)
    {
        Normalize(body).ShouldBeNull();
    }
}
