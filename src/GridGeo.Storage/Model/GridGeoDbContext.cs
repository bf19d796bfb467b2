using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;

namespace GridGeo.Storage.Model;

/// <summary>
/// The write model: plans, their jobs and grid versions, the audit log, API keys and the roster, mapped onto the tables
/// of the SQL migrations (the one schema source: the model never creates or migrates anything, and
/// <c>GridGeoModelSchemaTests</c> checks it against the migrated database). Columns are the snake_case of the property
/// names; geometries are NetTopologySuite types in <c>geometry(…, 4326)</c> columns; JSON columns are text in the model.
/// A context works on a connection of the process's <see cref="NpgsqlDataSource"/> (<see cref="On"/>), so that it shares
/// the transaction with the named SQL that stays SQL (locks, COPY, set-based statements): see <see cref="WriteSession"/>.
/// </summary>
public sealed class GridGeoDbContext(DbContextOptions<GridGeoDbContext> options) : DbContext(options)
{
    /// <summary>One options instance for every context, so that the model is built once per process.</summary>
    private static readonly DbContextOptions<GridGeoDbContext> Shared = new DbContextOptionsBuilder<GridGeoDbContext>()
        .UseNpgsql(o => o.UseNetTopologySuite())
        .Options;

    /// <summary>A context on <paramref name="connection"/> (opened from a data source built by <see cref="GridGeoDatabase.Open"/>); the caller owns the connection.</summary>
    public static GridGeoDbContext On(NpgsqlConnection connection)
    {
        var db = new GridGeoDbContext(Shared);
        db.Database.SetDbConnection(connection);
        return db;
    }

    public DbSet<PlanRow> Plans => Set<PlanRow>();
    public DbSet<PlanJobRow> PlanJobs => Set<PlanJobRow>();
    public DbSet<GridRow> Grids => Set<GridRow>();
    public DbSet<GridMemberRow> GridMembers => Set<GridMemberRow>();
    public DbSet<LiaisonUnitRow> LiaisonUnits => Set<LiaisonUnitRow>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<ApiKeyRow> ApiKeys => Set<ApiKeyRow>();
    public DbSet<StaffRow> Staff => Set<StaffRow>();
    public DbSet<StaffAssignmentRow> StaffAssignments => Set<StaffAssignmentRow>();
    public DbSet<StaffKeyRow> StaffKeys => Set<StaffKeyRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<PlanRow>(e =>
        {
            e.ToTable("plans");
            Identity(e.Property(p => p.Id));
            e.Property(p => p.Params).HasColumnType("jsonb");
            e.Property(p => p.Summary).HasColumnType("jsonb");
            e.Property(p => p.District).HasColumnType("jsonb");
            e.Property(p => p.Replaces).HasColumnType("jsonb");
            Now(e.Property(p => p.CreatedAt));
        });
        model.Entity<PlanJobRow>(e =>
        {
            e.ToTable("plan_jobs");
            e.HasKey(j => j.PlanId);
            e.HasOne<PlanRow>().WithOne().HasForeignKey<PlanJobRow>(j => j.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.Property(j => j.Request).HasColumnType("jsonb");
            Now(e.Property(j => j.CreatedAt));
        });
        model.Entity<GridRow>(e =>
        {
            e.ToTable("grids");
            Identity(e.Property(g => g.Id));
            e.HasOne<PlanRow>().WithMany().HasForeignKey(g => g.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(g => new { g.PlanId, g.Code }).IsUnique();
            e.Property(g => g.Boundary).HasColumnType("geometry(Geometry,4326)");
            // The version in a grid's ETag: an update of a row read at another version changes nothing and fails.
            e.Property(g => g.Version).IsConcurrencyToken();
        });
        model.Entity<GridMemberRow>(e =>
        {
            e.ToTable("grid_members");
            e.HasNoKey();
        });
        model.Entity<LiaisonUnitRow>(e =>
        {
            e.ToTable("liaison_units");
            Identity(e.Property(u => u.Id));
            e.HasOne<PlanRow>().WithMany().HasForeignKey(u => u.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.Property(u => u.Boundary).HasColumnType("geometry(Geometry,4326)");
        });
        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_log");
            Identity(e.Property(a => a.Id));
            Now(e.Property(a => a.At));
            e.Property(a => a.Before).HasColumnType("jsonb");
            e.Property(a => a.After).HasColumnType("jsonb");
        });
        model.Entity<ApiKeyRow>(e =>
        {
            e.ToTable("api_keys");
            Identity(e.Property(k => k.Id));
            e.HasIndex(k => k.Lookup).IsUnique();
            Now(e.Property(k => k.CreatedAt));
        });
        model.Entity<StaffRow>(e =>
        {
            e.ToTable("staff");
            Identity(e.Property(s => s.Id));
            Now(e.Property(s => s.CreatedAt));
            Now(e.Property(s => s.UpdatedAt));
            // PostgreSQL's xmin (the transaction that last wrote the row) as the row's concurrency token.
            e.Property(s => s.RowVersion).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
            e.HasMany(s => s.Assignments).WithOne().HasForeignKey(a => a.StaffId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<StaffAssignmentRow>(e =>
        {
            e.ToTable("staff_assignments");
            e.HasKey(a => new { a.StaffId, a.Code });
        });
        model.Entity<StaffKeyRow>(e =>
        {
            e.ToTable("staff_keys");
            e.HasKey(k => k.KeyId);
            e.HasOne<ApiKeyRow>().WithOne().HasForeignKey<StaffKeyRow>(k => k.KeyId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<StaffRow>().WithMany().HasForeignKey(k => k.StaffId).OnDelete(DeleteBehavior.Cascade);
        });

        foreach (var entity in model.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName() == property.Name) property.SetColumnName(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
            }
        }
    }

    private static void Identity(PropertyBuilder<long> id) => id.UseIdentityAlwaysColumn();

    /// <summary>A timestamp the database fills with <c>now()</c> (the transaction's start) when the row is inserted.</summary>
    private static void Now(PropertyBuilder<DateTimeOffset> at) => at.HasDefaultValueSql("now()");
}
