using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using GridGeo.Storage.Sql;

namespace GridGeo.Storage.Events;

/// <summary>
/// Stores new events by group commit: concurrent reports queue up while an insert runs, and the next insert takes all of
/// them (up to <see cref="MaxBatch"/>) with their audit entries in one prepared statement — one round trip and one commit
/// for many events, so that throughput does not stop at one database round trip (or one WAL flush) per report. One insert
/// runs at a time: the reports that arrive while it waits for its flush make the next batch (two inserts at once were
/// measured slower: each took the few reports that had arrived, and the cost per batch was paid more often). Each caller awaits its own event's commit, and the commit is durable whatever the server's default: the batch's
/// transaction sets <c>synchronous_commit</c> on, so a caller hears "stored" only once the event is on disk. When a
/// batch fails, its events are written one by one so that only the bad one fails.
/// </summary>
public sealed class EventWriter : IAsyncDisposable
{
    public const int MaxBatch = 256;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    private readonly record struct Pending(NewEvent Event, TaskCompletionSource<DateTimeOffset> Done);

    public EventWriter(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues <paramref name="e"/> and returns when it is committed (durably), with the time it was reported.</summary>
    public async Task<DateTimeOffset> WriteAsync(NewEvent e, CancellationToken ct = default)
    {
        var done = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Pending(e, done))) throw new InvalidOperationException("the event writer is stopped");
        return await done.Task.WaitAsync(ct);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item)) batch.Add(item);
            try
            {
                var at = await InsertAsync(batch);
                foreach (var b in batch) b.Done.TrySetResult(at);
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var b in batch)
                {
                    try { b.Done.TrySetResult(await InsertAsync([b])); }
                    catch (Exception ex) { b.Done.TrySetException(ex); }
                }
            }
            catch (Exception ex)
            {
                foreach (var b in batch) b.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>Inserts the events and their audit entries in one transaction, committed with <c>synchronous_commit</c> on.</summary>
    private async Task<DateTimeOffset> InsertAsync(IReadOnlyList<Pending> batch)
    {
        await using var conn = await _dataSource.OpenConnectionAsync();
        // The statements of one batch run in one implicit transaction: the setting holds for its commit only.
        await using var sql = new NpgsqlBatch(conn)
        {
            BatchCommands = { new NpgsqlBatchCommand(EventSql.DurableCommit), new NpgsqlBatchCommand(EventSql.InsertBatch) },
        };
        var insert = sql.BatchCommands[1].Parameters;
        Add(insert, "ids", NpgsqlDbType.Uuid, batch, e => e.Id);
        Add(insert, "categories", NpgsqlDbType.Text, batch, e => e.Category);
        Add(insert, "texts", NpgsqlDbType.Text, batch, e => e.Text);
        Add(insert, "lons", NpgsqlDbType.Double, batch, e => e.Lon);
        Add(insert, "lats", NpgsqlDbType.Double, batch, e => e.Lat);
        Add(insert, "addresses", NpgsqlDbType.Text, batch, e => e.Address);
        Add(insert, "grids", NpgsqlDbType.Text, batch, e => e.GridCode);
        Add(insert, "units", NpgsqlDbType.Text, batch, e => e.LiaisonUnitCode);
        Add(insert, "assignees", NpgsqlDbType.Bigint, batch, e => e.AssigneeId);
        Add(insert, "whos", NpgsqlDbType.Text, batch, e => e.ReportedBy);
        Add(insert, "key_ids", NpgsqlDbType.Bigint, batch, e => e.ReporterKeyId);
        // Prepared once per physical connection (Npgsql keeps it): no parse and plan per batch.
        await sql.PrepareAsync();
        await using var r = await sql.ExecuteReaderAsync();
        await r.NextResultAsync();
        await r.ReadAsync();
        return r.GetFieldValue<DateTimeOffset>(0);
    }

    private static void Add<T>(NpgsqlParameterCollection parameters, string name, NpgsqlDbType type, IReadOnlyList<Pending> batch, Func<NewEvent, T> value)
    {
        var values = new T[batch.Count];
        for (var i = 0; i < values.Length; i++) values[i] = value(batch[i].Event);
        parameters.Add(new NpgsqlParameter<T[]>(name, NpgsqlDbType.Array | type) { TypedValue = values });
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }
}
