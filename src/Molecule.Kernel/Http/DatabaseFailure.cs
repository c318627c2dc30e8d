using System.Data.Common;

namespace Molecule.Kernel.Http;

/// <summary>What counts as "the database could not answer": a driver/server error or a timeout.</summary>
public static class DatabaseFailure
{
    public static bool Is(Exception exception) => exception is DbException or TimeoutException;
}
