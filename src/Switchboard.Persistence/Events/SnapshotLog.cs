using System.Data.Common;

namespace Switchboard.Persistence.Events;

/// <summary>
/// Reads a routing domain's snapshots for a restart with plain commands, as <see cref="EventLog"/> reads the log: at
/// start no query has been compiled yet, and compiling LINQ queries cost more than the reads themselves.
/// </summary>
public static class SnapshotLog
{
    /// <summary>The domain's snapshots, newest first (a writer keeps two), read whole so that the connection is free
    /// again (PostgreSQL runs one command at a time on a connection).</summary>
    public static async Task<List<(long Sequence, int Format, byte[] Payload)>> NewestFirstAsync(DbConnection connection, string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Command(connection, "SELECT sequence, format, payload FROM routing_snapshots WHERE domain = @domain ORDER BY sequence DESC", domain);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var snapshots = new List<(long, int, byte[])>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            snapshots.Add((reader.GetInt64(0), reader.GetInt32(1), (byte[])reader.GetValue(2)));
        }

        return snapshots;
    }

    /// <summary>Whether the domain's log holds the event <paramref name="sequence"/> (a snapshot must never be ahead of it).</summary>
    public static async Task<bool> LogReachesAsync(DbConnection connection, string domain, long sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Command(connection, "SELECT 1 FROM routing_events WHERE domain = @domain AND sequence = @sequence", domain);
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@sequence";
        parameter.Value = sequence;
        command.Parameters.Add(parameter);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    private static DbCommand Command(DbConnection connection, string text, string domain)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@domain";
        parameter.Value = domain;
        command.Parameters.Add(parameter);
        return command;
    }
}
