using System.CommandLine;

namespace GridGeo.Cli.Commands;

/// <summary>Every command of the CLI, one class per command in this folder.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> All() =>
    [
        ValidateCommand.Create(),
        DbCommand.Create(),
        ImportCommand.Create(),
        ServeCommand.Create(),
        GenerateCommand.Create(),
        KeysCommand.Create(),
        RebalanceCommand.Create(),
        PartitionCommand.Create(),
        LiaisonCommand.Create(),
        LocateCommand.Create(),
        PlanCommand.Create(),
        ExportCommand.Create(),
        PrintCommand.Create(),
        StaffCommand.Create(),
    ];
}
