using System.Diagnostics;
using GridGeo.Core.Coverage;
using GridGeo.Core.Partitioning;
using GridGeo.IO.Bundles;

var bundle = BundleReader.Read(args[0]);
if (args.Length > 2 && args[2] == "micro") { Micro.Run(bundle); return; }
if (args.Length > 2 && args[2] == "profile") { Profile.Run(bundle); Profile.Run(bundle); return; }
var sw = Stopwatch.StartNew();
var result = GridPartitioner.Partition(bundle, new PartitionOptions { MaxDegreeOfParallelism = int.Parse(args.Length > 1 ? args[1] : "2") });
Console.WriteLine($"partition {sw.Elapsed.TotalSeconds:F2}s grids {result.Grids.Count} inbounds {result.Summary.InBoundsShare:P1}");
foreach (var w in result.Warnings) Console.WriteLine(w);
sw.Restart();
var cov = GridCoverageChecker.Check(bundle.Communities, result.Grids, 2);
foreach (var c in cov) Console.WriteLine(c);
Console.WriteLine($"check {sw.Elapsed.TotalSeconds:F2}s");
