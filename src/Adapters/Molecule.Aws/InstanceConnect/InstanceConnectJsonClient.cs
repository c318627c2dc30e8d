using Molecule.Aws.InstanceConnect.Model;
using Molecule.Aws.Json;

namespace Molecule.Aws.InstanceConnect;

/// <summary>EC2 Instance Connect over AWS JSON 1.1 (<c>X-Amz-Target: AWSEC2InstanceConnectService.SendSSHPublicKey</c>).</summary>
internal sealed class InstanceConnectJsonClient(AwsJsonClient json) : IAmazonEC2InstanceConnect, IDisposable
{
    public Task<SendSSHPublicKeyResponse> SendSSHPublicKeyAsync(SendSSHPublicKeyRequest request, CancellationToken cancellationToken = default)
    {
        foreach (var (value, member) in new[] { (request.InstanceId, "InstanceId"), (request.InstanceOSUser, "InstanceOSUser"), (request.SSHPublicKey, "SSHPublicKey") })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"{member} is required", member);
            }
        }

        return json.SendAsync(
            "SendSSHPublicKey", request,
            InstanceConnectJsonContext.Default.SendSSHPublicKeyRequest, InstanceConnectJsonContext.Default.SendSSHPublicKeyResponse,
            cancellationToken);
    }

    public void Dispose() => json.Dispose();
}
