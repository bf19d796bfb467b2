using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace GridGeo.Storage.Model;

/// <summary>
/// One write: a connection of the data source, a transaction begun through the model
/// (<c>Database.BeginTransaction</c>), and the <see cref="GridGeoDbContext"/> on it. Statements that must stay SQL — row
/// and advisory locks, <c>FOR UPDATE</c> orders, binary COPY, set-based updates — run on <see cref="Connection"/> in
/// <see cref="Transaction"/>, so they commit or roll back with the model's changes. Disposing without
/// <see cref="CommitAsync"/> rolls everything back.
/// </summary>
public sealed class WriteSession : IAsyncDisposable
{
    private readonly IDbContextTransaction _efTransaction;

    private WriteSession(NpgsqlConnection connection, GridGeoDbContext db, IDbContextTransaction transaction)
    {
        Connection = connection;
        Db = db;
        _efTransaction = transaction;
        Transaction = (NpgsqlTransaction)transaction.GetDbTransaction();
    }

    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }
    public GridGeoDbContext Db { get; }

    public static async Task<WriteSession> BeginAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        var db = GridGeoDbContext.On(connection);
        try
        {
            var transaction = await db.Database.BeginTransactionAsync(ct);
            return new WriteSession(connection, db, transaction);
        }
        catch
        {
            await db.DisposeAsync();
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Saves the model's pending changes, then commits the transaction.</summary>
    public async Task CommitAsync(CancellationToken ct = default)
    {
        await Db.SaveChangesAsync(ct);
        await _efTransaction.CommitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _efTransaction.DisposeAsync();
        await Db.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
