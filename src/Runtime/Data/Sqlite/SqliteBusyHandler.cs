using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Reinhardt.Data.Sqlite;

/// <summary>
/// Waits for a locked SQLite database in millisecond steps. SQLite's own busy handler (what
/// <c>PRAGMA busy_timeout</c> installs) sleeps through the VFS, and the <c>e_sqlite3</c> library bundled by
/// SQLitePCLRaw 2.0.6 is compiled without <c>usleep</c>, so each of its waits is a whole second: two writers
/// meeting made one of them wait about a second. This handler sleeps 1, 2, 5, 10, 15, 20 and then 25 ms
/// between tries (SQLite's own schedule when it has <c>usleep</c>, capped lower) until the connection's
/// <c>Default Timeout</c> (5 s unless the connection string says otherwise, Django's default) has passed.
/// SQLite calls a busy handler only where retrying is safe (before the statement has changed anything, and
/// never when waiting could deadlock), so a wait never half-applies a statement or a transaction.
/// </summary>
internal static unsafe class SqliteBusyHandler
{
    private static readonly int[] s_delays = [1, 2, 5, 10, 15, 20, 25];
    private static bool s_unavailable;

    /// <summary>
    /// Installs the handler on an open connection, waiting up to <paramref name="timeoutMs"/> in total;
    /// false when the native library does not export <c>sqlite3_busy_handler</c> (then the caller falls back
    /// to <c>PRAGMA busy_timeout</c>).
    /// </summary>
    public static bool TryInstall(SqliteConnection connection, int timeoutMs)
    {
        if (s_unavailable || connection.Handle is not { } handle)
        {
            return false;
        }

        try
        {
            var added = false;
            handle.DangerousAddRef(ref added);
            try
            {
                return sqlite3_busy_handler(handle.DangerousGetHandle(), &OnBusy, timeoutMs) == 0;
            }
            finally
            {
                if (added)
                {
                    handle.DangerousRelease();
                }
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // another SQLite provider (e.g. the system's libsqlite3): keep SQLite's own handler
            s_unavailable = true;
            return false;
        }
    }

    /// <summary>How long the handler has slept before its try number <paramref name="count"/>.</summary>
    internal static long WaitedBefore(int count)
    {
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            total += DelayAt(i);
        }

        return total;
    }

    private static int DelayAt(int count) => count < s_delays.Length ? s_delays[count] : s_delays[^1];

    // SQLite calls this with the number of times it has already been called for the same lock; returning 0
    // gives up (the statement fails with SQLITE_BUSY, "database is locked").
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnBusy(nint timeoutMs, int count)
    {
        var waited = count <= s_delays.Length ? WaitedBefore(count) : WaitedBefore(s_delays.Length) + ((long)(count - s_delays.Length) * s_delays[^1]);
        var delay = DelayAt(count);
        if (waited + delay > timeoutMs)
        {
            delay = (int)(timeoutMs - waited);
            if (delay <= 0)
            {
                return 0;
            }
        }

        Thread.Sleep(delay);
        return 1;
    }

    // the bundled native library SQLitePCLRaw loads (libe_sqlite3.so / e_sqlite3.dll); SQLitePCLRaw 2.0.6 does
    // not wrap sqlite3_busy_handler itself
    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    private static extern int sqlite3_busy_handler(nint db, delegate* unmanaged[Cdecl]<nint, int, int> handler, nint argument);
}
