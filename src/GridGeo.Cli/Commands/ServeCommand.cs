using System.CommandLine;
using GridGeo.Api;
using Microsoft.Extensions.Hosting;

namespace GridGeo.Cli.Commands;

/// <summary><c>serve [--urls URL]</c>: the HTTP API, Swagger UI and map viewer until Ctrl+C.</summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "where to listen (semicolon-separated)", DefaultValueFactory = _ => DefaultUrls };
        var command = new Command("serve", "serve the HTTP API (/api, /swagger, /health) and the map viewer") { urls };
        command.SetAction(async (parse, ct) =>
        {
            var listen = parse.GetValue(urls)!;
            var app = ApiHost.Build([], listen);
            var first = listen.Split(';', StringSplitOptions.RemoveEmptyEntries)[0].TrimEnd('/');
            await app.StartAsync(ct);
            Console.WriteLine($"GridGeo is serving: viewer {first}/  API docs {first}/swagger  health {first}/health");
            await app.WaitForShutdownAsync(ct);
            return CliRunner.Ok;
        });
        return command;
    }
}
