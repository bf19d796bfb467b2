using System.Globalization;
using System.Threading.RateLimiting;
using GridGeo.Api.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace GridGeo.Api.Shared;

/// <summary>
/// Limits per minute, section <c>GridGeo:RateLimits</c>: <c>AuthFailuresPerMinute</c> (default 20, per client IP:
/// requests presenting an unknown or revoked key), <c>PlanRunsPerMinute</c> (default 10, per key: <c>POST /api/plans</c>),
/// <c>ImportsPerMinute</c> (default 10, per key: <c>POST /api/plans/import</c>) and <c>ExportsPerMinute</c> (default 30,
/// per key, else per client IP: the <c>/api/export</c> downloads). Over a limit the answer is 429 problem+json with
/// <c>Retry-After</c>. A limit of 0 turns that limit off. The hot read paths (<c>GET /api/locate</c>) are not limited.
/// </summary>
public sealed record RateLimitOptions(int AuthFailuresPerMinute, int PlanRunsPerMinute, int ImportsPerMinute, int ExportsPerMinute)
{
    public const string Section = "GridGeo:RateLimits";

    public static RateLimitOptions From(IConfiguration configuration)
    {
        int Get(string name, int fallback)
        {
            var value = configuration.GetValue<int?>($"{Section}:{name}") ?? fallback;
            if (value < 0) throw new InvalidOperationException($"{Section}:{name} must be ≥ 0 (0 = no limit), not {value}");
            return value;
        }
        return new RateLimitOptions(Get(nameof(AuthFailuresPerMinute), 20), Get(nameof(PlanRunsPerMinute), 10),
            Get(nameof(ImportsPerMinute), 10), Get(nameof(ExportsPerMinute), 30));
    }
}

/// <summary>The rate limiter policies (ASP.NET Core's built-in rate limiter) and the failed-authentication limit.</summary>
public static class RateLimits
{
    public const string PlanRuns = "gridgeo-plan-runs";
    public const string Imports = "gridgeo-imports";
    public const string Exports = "gridgeo-exports";

    public static IServiceCollection AddGridGeoRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = RateLimitOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton(new AuthFailureLimiter(options.AuthFailuresPerMinute));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                return new ValueTask(TooManyAsync(context.HttpContext, retry, "too many requests of this kind from this key or client"));
            };
            o.AddPolicy(PlanRuns, http => PerCaller(http, options.PlanRunsPerMinute));
            o.AddPolicy(Imports, http => PerCaller(http, options.ImportsPerMinute));
            o.AddPolicy(Exports, http => PerCaller(http, options.ExportsPerMinute));
        });
        return services;
    }

    /// <summary>
    /// Around authentication: a client IP that presented too many unknown keys in the current minute gets 429 before its
    /// key is looked up; every request whose presented key did not authenticate counts against its IP. A request to a
    /// caller-free read (<see cref="CallerFreeReads"/>) skips all of it: no key is looked up there.
    /// </summary>
    public static IApplicationBuilder UseAuthenticationWithFailureLimit(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<AuthOptions>();
        var limiter = app.ApplicationServices.GetRequiredService<AuthFailureLimiter>();
        app.UseWhen(http => !CallerFreeReads.SkipsAuthentication(http, options), authenticated =>
        {
            authenticated.Use(async (http, next) =>
            {
                if (limiter.HasRecentFailures && ApiKeyAuthenticationHandler.PresentsKey(http.Request) && limiter.IsBlocked(ClientOf(http)))
                {
                    await TooManyAsync(http, TimeSpan.FromMinutes(1), "too many requests with an unknown or revoked API key from this client; wait a minute");
                    return;
                }
                await next(http);
            });
            authenticated.UseAuthentication();
            authenticated.Use(async (http, next) =>
            {
                if (http.User.Identity?.IsAuthenticated != true && ApiKeyAuthenticationHandler.PresentsKey(http.Request))
                    limiter.RecordFailure(ClientOf(http));
                await next(http);
            });
        });
        return app;
    }

    private static RateLimitPartition<string> PerCaller(HttpContext http, int perMinute)
    {
        if (perMinute == 0) return RateLimitPartition.GetNoLimiter("none");
        var key = http.User.FindFirst(ApiKeyClaims.KeyId)?.Value;
        var partition = key is not null ? $"key:{key}" : $"ip:{ClientOf(http)}";
        return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    internal static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static Task TooManyAsync(HttpContext http, TimeSpan retryAfter, string detail)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Results.Problem(title: "Too many requests", detail: detail, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
    }
}

/// <summary>Failed authentications per client IP in fixed one-minute windows (0 = unlimited).</summary>
public sealed class AuthFailureLimiter(int perMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter = perMinute == 0 ? null : PartitionedRateLimiter.Create<string, string>(ip =>
        RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    // When the last failure was recorded (Environment.TickCount64): with none in the last window, no client is blocked
    // and a request need not touch the limiter (its partitions sit behind a lock).
    private long _lastFailureAt = long.MinValue / 2;

    /// <summary>Whether any failure was recorded within the last minute (else <see cref="IsBlocked"/> is false for every client).</summary>
    public bool HasRecentFailures => _limiter is not null && Environment.TickCount64 - Volatile.Read(ref _lastFailureAt) <= 61_000;

    /// <summary>Whether <paramref name="client"/> has used up its failures of this window.</summary>
    public bool IsBlocked(string client)
    {
        if (!HasRecentFailures) return false;
        using var probe = _limiter!.AttemptAcquire(client, 0);
        return !probe.IsAcquired;
    }

    public void RecordFailure(string client)
    {
        if (_limiter is null) return;
        Volatile.Write(ref _lastFailureAt, Environment.TickCount64);
        using var _ = _limiter.AttemptAcquire(client);
    }

    public void Dispose() => _limiter?.Dispose();
}
