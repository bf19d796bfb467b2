using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using GridGeo.Storage.Sql;

namespace GridGeo.Storage.Events;

/// <summary>
/// Stores new events in batches: concurrent reports queue up while one insert runs, and the next insert takes all of them
/// (up to <see cref="MaxBatch"/>) with their audit entries in one statement — one round trip and one commit for many events,
/// so that throughput does not stop at one database round trip per report. Each caller awaits its own event's commit;
/// when a batch fails, its events are written one by one so that only the bad one fails.
/// </summary>
public sealed class EventWriter : IAsyncDisposable
{
    public const int MaxBatch = 256;
    private readonly NpgsqlDataSource _dataSource;
    private readonly EventStore _single;
    private readonly Channel<(NewEvent Event, TaskCompletionSource<DateTimeOffset> Done)> _queue =
        Channel.CreateUnbounded<(NewEvent, TaskCompletionSource<DateTimeOffset>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public EventWriter(NpgsqlDataSource dataSource, EventStore single)
    {
        _dataSource = dataSource;
        _single = single;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues <paramref name="e"/> and returns when it is stored, with the time it was reported.</summary>
    public async Task<DateTimeOffset> WriteAsync(NewEvent e, CancellationToken ct = default)
    {
        var done = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((e, done))) throw new InvalidOperationException("the event writer is stopped");
        return await done.Task.WaitAsync(ct);
    }

    private async Task RunAsync()
    {
        var batch = new List<(NewEvent Event, TaskCompletionSource<DateTimeOffset> Done)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item)) batch.Add(item);
            try
            {
                var at = await InsertAsync(batch.Select(b => b.Event).ToList());
                foreach (var b in batch) b.Done.TrySetResult(at);
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var b in batch)
                {
                    try { b.Done.TrySetResult(await _single.CreateAsync(b.Event)); }
                    catch (Exception ex) { b.Done.TrySetException(ex); }
                }
            }
            catch (Exception ex)
            {
                foreach (var b in batch) b.Done.TrySetException(ex);
            }
        }
    }

    private async Task<DateTimeOffset> InsertAsync(IReadOnlyList<NewEvent> events)
    {
        await using var cmd = _dataSource.CreateCommand(EventSql.InsertBatch);
        Add(cmd, "ids", NpgsqlDbType.Uuid, events.Select(e => e.Id).ToArray());
        Add(cmd, "categories", NpgsqlDbType.Text, events.Select(e => e.Category).ToArray());
        Add(cmd, "texts", NpgsqlDbType.Text, events.Select(e => e.Text).ToArray());
        Add(cmd, "lons", NpgsqlDbType.Double, events.Select(e => e.Lon).ToArray());
        Add(cmd, "lats", NpgsqlDbType.Double, events.Select(e => e.Lat).ToArray());
        Add(cmd, "addresses", NpgsqlDbType.Text, events.Select(e => e.Address).ToArray());
        Add(cmd, "grids", NpgsqlDbType.Text, events.Select(e => e.GridCode).ToArray());
        Add(cmd, "units", NpgsqlDbType.Text, events.Select(e => e.LiaisonUnitCode).ToArray());
        Add(cmd, "assignees", NpgsqlDbType.Bigint, events.Select(e => e.AssigneeId).ToArray());
        Add(cmd, "whos", NpgsqlDbType.Text, events.Select(e => e.ReportedBy).ToArray());
        Add(cmd, "key_ids", NpgsqlDbType.Bigint, events.Select(e => e.ReporterKeyId).ToArray());
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return r.GetFieldValue<DateTimeOffset>(0);
    }

    private static void Add<T>(NpgsqlCommand cmd, string name, NpgsqlDbType type, T[] values) =>
        cmd.Parameters.Add(new NpgsqlParameter<T[]>(name, NpgsqlDbType.Array | type) { TypedValue = values });

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }
}
