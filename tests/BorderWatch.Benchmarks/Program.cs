using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/BorderWatch.Benchmarks -- --filter '*'   (or a class name, e.g. *Fusion*)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
