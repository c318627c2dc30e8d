using Microsoft.AspNetCore.Http;
using Molecule.Files.Backends;
using Molecule.Files.Http;

namespace Molecule.Files.ChatDownload;

/// <summary>Streams an opened workspace file as a download: exactly its size, never buffered whole.</summary>
internal sealed class AttachmentResult(OpenedFile file, string fileName) : IResult
{
    private const int BufferSize = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using (file)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ContentTypes.ForName(fileName) ?? ContentTypes.Binary;
            response.ContentLength = file.Size;
            response.Headers.ContentDisposition = AttachmentHeader.For(fileName);

            var buffer = new byte[BufferSize];
            var remaining = file.Size;
            while (remaining > 0)
            {
                var read = await file.Content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), httpContext.RequestAborted);
                if (read == 0)
                {
                    throw new IOException($"the workspace sent {file.Size - remaining} of {file.Size} bytes");
                }

                await response.Body.WriteAsync(buffer.AsMemory(0, read), httpContext.RequestAborted);
                remaining -= read;
            }
        }
    }
}
