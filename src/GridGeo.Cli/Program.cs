using System.CommandLine;
using GridGeo.Cli;
using GridGeo.Cli.Commands;

var root = new RootCommand("GridGeo: grids (网格) for community governance — partition, liaison units, lookup, rebalance, storage and API.");
foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
return await CliRunner.RunAsync(root, args);
