using System.Data.Common;

namespace Molecule.Auth.Tokens;

/// <summary>Failures of the datastore itself, as opposed to a token that simply does not match.</summary>
internal static class DatabaseFailure
{
    public static bool Is(Exception exception) => exception is DbException or TimeoutException;
}
