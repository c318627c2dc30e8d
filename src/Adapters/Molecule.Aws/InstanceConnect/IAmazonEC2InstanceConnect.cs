using Molecule.Aws.InstanceConnect.Model;

namespace Molecule.Aws.InstanceConnect;

/// <summary>
/// EC2 Instance Connect's one call, named and shaped like AWSSDK.EC2InstanceConnect's
/// <c>IAmazonEC2InstanceConnect</c>. Errors are <see cref="Json.AwsJsonServiceException"/> with AWS's
/// code (<c>AccessDeniedException</c>, <c>EC2InstanceNotFoundException</c>, …).
/// </summary>
public interface IAmazonEC2InstanceConnect
{
    /// <summary>Pushes a public key the instance accepts for <c>InstanceOSUser</c> during the next 60 seconds.</summary>
    Task<SendSSHPublicKeyResponse> SendSSHPublicKeyAsync(SendSSHPublicKeyRequest request, CancellationToken cancellationToken = default);
}
