using System;
using BenchmarkDotNet.Running;
using StaticNet.TorchPeer;

// The TorchSharp peer of the main suite's 64-32-10 and 784-128-10 rows (docs/performance.md, "TorchSharp").
// In process (BenchmarkDotNet's in-process toolchain): on Debian 12 this program only starts through an
// apphost whose loader is a newer glibc's (see the docs), and a child process would not inherit that.
BenchmarkSwitcher.FromAssembly(typeof(TorchShapes).Assembly).Run(args);
